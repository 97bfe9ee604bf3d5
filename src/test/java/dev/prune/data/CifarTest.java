package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarTest {
    @TempDir
    Path dir;

    @Test
    void cifar10ReadsLabelsAndChannelMajorPixelsFromEveryBatchInOrder() throws Exception {
        CifarFiles.cifar10(dir, 4, 3);
        DataSplit s = Cifar.load(Cifar.Variant.CIFAR10, dir, 0, 0, 0, 1);
        Dataset train = s.train();
        assertEquals(20, train.count());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(10, train.classes());
        // Row 5 is record 1 of data_batch_2.bin, whose labels start at offset 2000.
        int label = (1 + 2000) % 10;
        assertEquals(label, train.label(5));
        for (int c = 0; c < 3; c++) {
            for (int i : new int[] {0, 31, 32, 1023}) {
                assertEquals(CifarFiles.pixel(label, c, i, 2001) / 255f,
                        train.features()[5 * Cifar.PIXELS + c * 1024 + i], 0, "channel " + c + " pixel " + i);
            }
        }
        assertEquals(3, s.test().count());
        assertEquals(1, s.test().label(1));
        assertTrue(s.fingerprint().startsWith("cifar10:sha256="), s.fingerprint());
        assertEquals(20, Cifar.trainRecords(Cifar.Variant.CIFAR10, dir, 50000), "counted from the sizes alone");
        assertEquals(50000, Cifar.trainRecords(Cifar.Variant.CIFAR10, dir.resolve("none"), 50000));
    }

    @Test
    void limitsAndTheValidationHoldOutWorkAsForIdx() throws Exception {
        CifarFiles.cifar10(dir, 4, 5);
        DataSplit s = Cifar.load(Cifar.Variant.CIFAR10, dir, 10, 2, 3, 7);
        assertEquals(7, s.train().count());
        assertEquals(3, s.validation().count());
        assertEquals(2, s.test().count());
        assertEquals(s.train(), Cifar.load(Cifar.Variant.CIFAR10, dir, 10, 2, 3, 7).train(), "same seed, same split");
        assertNotEquals(s.fingerprint(), Cifar.load(Cifar.Variant.CIFAR10, dir, 10, 2, 3, 8).fingerprint());
    }

    @Test
    void cifar100ReadsFineOrCoarseLabels() throws Exception {
        CifarFiles.cifar100(dir, 150, 10);
        DataSplit fine = Cifar.load(Cifar.Variant.CIFAR100_FINE, dir, 0, 0, 0, 1);
        DataSplit coarse = Cifar.load(Cifar.Variant.CIFAR100_COARSE, dir, 0, 0, 0, 1);
        assertEquals(100, fine.train().classes());
        assertEquals(20, coarse.train().classes());
        assertEquals(23, fine.train().label(123));
        assertEquals(23 % 20, coarse.train().label(123));
        assertArrayEquals(fine.train().features(), coarse.train().features());
        assertEquals(7, fine.test().label(0));
        assertNotEquals(fine.fingerprint(), coarse.fingerprint());
    }

    @Test
    void aFileOfTheWrongSizeIsOneSentenceWithItsPath() throws Exception {
        CifarFiles.cifar10(dir, 2, 2);
        Path bad = dir.resolve("data_batch_3.bin");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(bad), 3073 + 100));
        DataException e = assertThrows(DataException.class, () -> Cifar.load(Cifar.Variant.CIFAR10, dir, 0, 0, 0, 1));
        assertEquals(bad + " has 3173 bytes, not a whole number of 3073-byte CIFAR-10 records;"
                + " re-download the binary version or point dir= at the right folder", e.getMessage());
        assertEquals(Optional.of(e.getMessage()), Cifar.problem(Cifar.Variant.CIFAR10, dir));
    }

    @Test
    void missingFilesAndFoldersAreNamed() throws Exception {
        Path none = dir.resolve("nowhere");
        assertEquals("no CIFAR-10 files in " + none + ": it does not exist; expected data_batch_1.bin,"
                        + " data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin"
                        + " (the binary version)",
                Cifar.problem(Cifar.Variant.CIFAR10, none).orElseThrow());
        CifarFiles.cifar10(dir, 2, 2);
        Files.delete(dir.resolve("test_batch.bin"));
        assertEquals(dir + " lacks the CIFAR-10 file test_batch.bin; expected data_batch_1.bin, data_batch_2.bin,"
                        + " data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin (the binary version)",
                assertThrows(DataException.class, () -> Cifar.load(Cifar.Variant.CIFAR10, dir, 0, 0, 0, 1))
                        .getMessage());
        CifarFiles.cifar10(dir, 2, 2);
        assertEquals(Optional.empty(), Cifar.problem(Cifar.Variant.CIFAR10, dir));
        assertTrue(Cifar.problem(Cifar.Variant.CIFAR100_FINE, dir).orElseThrow().contains("train.bin, test.bin"));
    }

    @Test
    void aLabelOutOfRangeIsReported() throws IOException {
        CifarFiles.cifar10(dir, 2, 2);
        byte[] test = Files.readAllBytes(dir.resolve("test_batch.bin"));
        test[3073] = 12;
        Files.write(dir.resolve("test_batch.bin"), test);
        DataException e = assertThrows(DataException.class, () -> Cifar.load(Cifar.Variant.CIFAR10, dir, 0, 0, 0, 1));
        assertTrue(e.getMessage().startsWith(dir.resolve("test_batch.bin") + " has label 12 in record 1 but CIFAR-10"
                + " has only 10 classes here (0-9)"), e.getMessage());
    }
}
