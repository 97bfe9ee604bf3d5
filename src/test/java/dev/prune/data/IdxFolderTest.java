package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFolderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void loadsLimitsAndHoldsOutValidation(boolean gz) throws DataException {
        IdxFiles.folder(dir, 30, 12, gz);
        assertTrue(IdxFolder.hasFiles(dir));

        DataSplit s = IdxFolder.load("tiny", dir, 20, 5, 6, 42);

        assertEquals(14, s.train().count());
        assertEquals(6, s.validation().count());
        assertEquals(5, s.test().count());
        assertEquals(12, s.train().inputSize());
        Set<Integer> rows = new HashSet<>();
        collectRows(s.train(), rows);
        collectRows(s.validation(), rows);
        // Disjoint and together exactly the first 20 training rows.
        assertEquals(20, rows.size());
        for (int r = 0; r < 20; r++) {
            assertTrue(rows.contains(r), "row " + r);
        }
        Set<Integer> testRows = new HashSet<>();
        collectRows(s.test(), testRows);
        assertEquals(Set.of(0, 1, 2, 3, 4), testRows);
        assertTrue(s.fingerprint().startsWith("tiny:sha256="), s.fingerprint());
    }

    @Test
    void splitIsDeterministicAndDependsOnSeed() throws DataException {
        IdxFiles.folder(dir, 40, 4, true);
        DataSplit a = IdxFolder.load("tiny", dir, 0, 0, 10, 7);
        DataSplit b = IdxFolder.load("tiny", dir, 0, 0, 10, 7);
        DataSplit c = IdxFolder.load("tiny", dir, 0, 0, 10, 8);
        assertEquals(a, b);
        assertNotEquals(a.validation(), c.validation());
        assertNotEquals(a.fingerprint(), c.fingerprint());
        assertEquals(30, a.train().count());
        assertEquals(4, a.test().count());
    }

    @Test
    void zeroValidationGivesEmptyValidationSet() throws DataException {
        IdxFiles.folder(dir, 8, 3, false);
        DataSplit s = IdxFolder.load("tiny", dir, 0, 0, 0, 1);
        assertEquals(0, s.validation().count());
        assertEquals(8, s.train().count());
    }

    @Test
    void missingFolderNamesThePath() {
        Path nowhere = dir.resolve("nowhere");
        String m = assertThrows(DataException.class, () -> IdxFolder.load("tiny", nowhere, 0, 0, 0, 1)).getMessage();
        assertTrue(m.startsWith("no tiny files in " + nowhere), m);
        assertTrue(m.contains("train-images-idx3-ubyte(.gz)"), m);
    }

    @Test
    void emptyFolderListsExpectedFiles() {
        String m = assertThrows(DataException.class, () -> IdxFolder.load("tiny", dir, 0, 0, 0, 1)).getMessage();
        assertEquals("no tiny files in " + dir + ": expected train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz),"
                + " t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz); pass dir=\"...\" naming the folder"
                + " that holds them", m);
    }

    @Test
    void partialFolderNamesMissingFiles() throws Exception {
        IdxFiles.folder(dir, 8, 3, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertFalse(IdxFolder.hasFiles(dir));
        String m = assertThrows(DataException.class, () -> IdxFolder.load("tiny", dir, 0, 0, 0, 1)).getMessage();
        assertTrue(m.startsWith(dir + " has only some of the tiny files: missing t10k-labels-idx1-ubyte(.gz)"), m);
    }

    @Test
    void dottedFileNamesAreAccepted() throws Exception {
        IdxFiles.folder(dir, 8, 3, false);
        Files.move(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-images.idx3-ubyte"));
        assertEquals(8, IdxFolder.load("tiny", dir, 0, 0, 0, 1).train().count());
    }

    @Test
    void validationTooLargeIsReported() {
        IdxFiles.folder(dir, 8, 3, false);
        String m = assertThrows(DataException.class, () -> IdxFolder.load("tiny", dir, 5, 0, 5, 1)).getMessage();
        assertTrue(m.contains("val=5") && m.contains(dir.toString()), m);
    }

    /** Recovers each row's original index from its first pixel (row * 7 mod 256, unique for rows < 37). */
    private static void collectRows(Dataset d, Set<Integer> rows) {
        for (int i = 0; i < d.count(); i++) {
            int first = Math.round(d.features()[i * d.inputSize()] * 255);
            int row = -1;
            for (int r = 0; r < 37; r++) {
                if (IdxFiles.pixel(r, 0) == first) {
                    row = r;
                }
            }
            assertTrue(rows.add(row), "row " + row + " appears twice");
            assertEquals(row % 10, d.labels()[i]);
        }
    }
}
