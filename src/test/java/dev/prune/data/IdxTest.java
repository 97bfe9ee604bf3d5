package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsRawAndGzippedFilesAlike(boolean gz) throws DataException {
        byte[] images = IdxFiles.images(5, 4, 3);
        byte[] labels = IdxFiles.labels(5, 3);
        Path img = IdxFiles.write(dir.resolve("img"), gz ? IdxFiles.gzip(images) : images);
        Path lab = IdxFiles.write(dir.resolve("lab"), gz ? IdxFiles.gzip(labels) : labels);

        Dataset d = Idx.read(img, lab, "tiny", 3);

        assertEquals(5, d.count());
        assertEquals(1, d.channels());
        assertEquals(4, d.height());
        assertEquals(3, d.width());
        assertEquals(12, d.inputSize());
        assertEquals(3, d.classes());
        assertEquals("tiny", d.name());
        assertTrue(Arrays.equals(new int[] {0, 1, 2, 0, 1}, d.labels()));
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < 12; p++) {
                assertEquals(IdxFiles.pixel(i, p) / 255f, d.features()[i * 12 + p], 1e-7f);
            }
        }
    }

    @Test
    void scalesFullByteRangeToUnitInterval() throws DataException {
        byte[] images = IdxFiles.images(1, 16, 16);
        Dataset d = Idx.read(IdxFiles.write(dir.resolve("i"), images),
                IdxFiles.write(dir.resolve("l"), IdxFiles.labels(1, 10)), "x", 10);
        float min = 1;
        float max = 0;
        for (float v : d.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void limitKeepsFirstRows() throws DataException {
        Path img = IdxFiles.write(dir.resolve("i"), IdxFiles.images(10, 2, 2));
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(10, 10));
        Dataset all = Idx.read(img, lab, "x", 10);
        assertEquals(all.head(4), Idx.read(img, lab, "x", 10, 4));
        assertEquals(all, Idx.read(img, lab, "x", 10, 0));
        assertEquals(all, Idx.read(img, lab, "x", 10, 99));
    }

    @Test
    void wrongMagicNamesPathAndBothMagics() {
        Path zip = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(1, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(zip, lab, "x", 10)).getMessage();
        assertEquals(zip + " is not an IDX image file (magic 0x504b0304, expected 0x00000803);"
                + " re-download it or point dir= at the right folder", m);
    }

    @Test
    void doubleGzipIsRecognised() {
        byte[] twice = IdxFiles.gzip(IdxFiles.gzip(IdxFiles.images(2, 2, 2)));
        Path img = IdxFiles.write(dir.resolve("i.gz"), twice);
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(2, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.startsWith(img + " is not an IDX image file (magic 0x1f8b0800"), m);
        assertTrue(m.contains("gzipped twice"), m);
    }

    @Test
    void swappedImagesAndLabelsAreCalledOut() {
        Path img = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2, 2, 2));
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(2, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(lab, img, "x", 10)).getMessage();
        assertTrue(m.startsWith(lab + " is not an IDX image file"), m);
        assertTrue(m.contains("swapped"), m);
    }

    @Test
    void wrongDimensionCountIsReported() {
        byte[] twoDims = {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 4, 1, 2, 3, 4};
        Path img = IdxFiles.write(dir.resolve("i"), twoDims);
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(1, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.contains("magic 0x00000802, expected 0x00000803; that means 2 dimensions instead of 3"), m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedImagesReportPromiseAndActualLength(boolean gz) {
        byte[] full = IdxFiles.images(6, 28, 28);
        byte[] cut = Arrays.copyOf(full, 1234);
        Path img = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), gz ? IdxFiles.gzip(cut) : cut);
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(6, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.startsWith(img + " is truncated: header promises 6 images of 28x28 but"), m);
        assertTrue(m.contains("ends after 1234 bytes"), m);
    }

    @Test
    void truncatedGzipStreamIsReported() {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path img = IdxFiles.write(dir.resolve("i.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(50, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.startsWith(img + " is truncated"), m);
    }

    @Test
    void truncatedLabelsAndShortHeadersAreReported() {
        Path img = IdxFiles.write(dir.resolve("i"), IdxFiles.images(5, 2, 2));
        Path lab = IdxFiles.write(dir.resolve("l"), Arrays.copyOf(IdxFiles.labels(5, 10), 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.startsWith(lab + " is truncated: header promises 5 labels"), m);

        Path shortHeader = IdxFiles.write(dir.resolve("h"), Arrays.copyOf(IdxFiles.images(5, 2, 2), 9));
        String h = assertThrows(DataException.class, () -> Idx.read(shortHeader, lab, "x", 10)).getMessage();
        assertTrue(h.startsWith(shortHeader + " is truncated"), h);

        Path empty = IdxFiles.write(dir.resolve("e"), new byte[0]);
        String e = assertThrows(DataException.class, () -> Idx.read(empty, lab, "x", 10)).getMessage();
        assertTrue(e.startsWith(empty + " is not an IDX image file"), e);
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path img = IdxFiles.write(dir.resolve("i"), IdxFiles.images(5, 2, 2));
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(4, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 10)).getMessage();
        assertTrue(m.contains(img + " has 5 images but " + lab + " has 4 labels"), m);
    }

    @Test
    void labelOutOfRangeIsReported() {
        Path img = IdxFiles.write(dir.resolve("i"), IdxFiles.images(5, 2, 2));
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(5, 10));
        String m = assertThrows(DataException.class, () -> Idx.read(img, lab, "x", 3)).getMessage();
        assertTrue(m.contains(lab + " has label 3 at row 3"), m);
    }

    @Test
    void missingAndCorruptFilesNameThePath() {
        Path lab = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(1, 10));
        Path missing = dir.resolve("nope");
        String m = assertThrows(DataException.class, () -> Idx.read(missing, lab, "x", 10)).getMessage();
        assertTrue(m.startsWith(missing + " does not exist"), m);

        Path corrupt = IdxFiles.write(dir.resolve("c.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 9, 9, 9});
        String c = assertThrows(DataException.class, () -> Idx.read(corrupt, lab, "x", 10)).getMessage();
        assertTrue(c.startsWith(corrupt.toString()), c);

        Path stub = IdxFiles.write(dir.resolve("s.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 8});
        String s = assertThrows(DataException.class, () -> Idx.read(stub, lab, "x", 10)).getMessage();
        assertTrue(s.startsWith(stub + " is truncated"), s);
    }
}
