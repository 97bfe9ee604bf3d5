package dev.prune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void givenFolderWithoutFilesGivesInstallHint() {
        Path empty = dir.resolve("fashion");
        String m = assertThrows(DataException.class,
                () -> FashionMnist.load(Optional.of(empty), 0, 0, 0, 1)).getMessage();
        assertTrue(m.startsWith("no Fashion-MNIST files in " + empty), m);
        assertTrue(m.contains("dataset-fashion-mnist"), m);
    }

    @Test
    void givenFolderIsUsed() throws DataException {
        IdxFiles.folder(dir, 12, 4, true);
        DataSplit s = FashionMnist.load(Optional.of(dir), 0, 0, 2, 1);
        assertEquals(10, s.train().count());
        assertEquals(FashionMnist.NAME, s.train().name());
    }

    @Test
    void defaultDirHoldsTheFilesWhenPresent() {
        FashionMnist.defaultDir().ifPresent(d -> assertTrue(IdxFolder.hasFiles(d), d.toString()));
    }

    @Test
    void loadsTheRealFilesWhenInstalled() throws DataException {
        Optional<Path> where = FashionMnist.defaultDir();
        Assumptions.assumeTrue(where.isPresent(), "Debian's dataset-fashion-mnist is not installed");

        long start = System.nanoTime();
        DataSplit s = FashionMnist.load(Optional.empty(), 0, 0, 0, 42);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fashion-mnist: loaded %s from %s in %.2f s (fingerprint %s)%n",
                s.describe(), where.get(), seconds, s.fingerprint());

        assertEquals(60_000, s.train().count());
        assertEquals(10_000, s.test().count());
        assertEquals(0, s.validation().count());
        assertEquals(784, s.train().inputSize());
        assertEquals(28, s.train().height());
        assertEquals(9, s.train().label(0));
        // Fashion-MNIST is exactly balanced, which a misaligned label file would break.
        int[] balanced = new int[10];
        Arrays.fill(balanced, 6000);
        assertEquals(Arrays.toString(balanced), Arrays.toString(s.train().classCounts()));
        for (float v : s.train().head(100).features()) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void limitsAndValidationOnRealFiles() throws DataException {
        Assumptions.assumeTrue(FashionMnist.defaultDir().isPresent(), "Debian's dataset-fashion-mnist is not installed");
        long start = System.nanoTime();
        DataSplit s = FashionMnist.load(Optional.empty(), 6000, 1000, 1000, 42);
        System.out.printf("fashion-mnist: loaded %s in %.2f s%n", s.describe(), (System.nanoTime() - start) / 1e9);
        assertEquals(5000, s.train().count());
        assertEquals(1000, s.validation().count());
        assertEquals(1000, s.test().count());
    }
}
