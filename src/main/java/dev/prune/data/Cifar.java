package dev.prune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary CIFAR distributions of Krizhevsky (2009): records of label bytes followed by 3072 pixel
 * bytes, channel-major (1024 red, 1024 green, 1024 blue, each row by row of 32x32). CIFAR-10 has one
 * label byte and the files {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin};
 * CIFAR-100 has two (coarse, then fine) and the files {@code train.bin} and {@code test.bin}.
 */
public final class Cifar {
    /** Pixels per image: 3 channels of 32x32. */
    public static final int PIXELS = 3 * 32 * 32;
    /** The CIFAR-10 files, training batches first, the test batch last. */
    public static final List<String> CIFAR10_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
    /** The CIFAR-100 files, training first. */
    public static final List<String> CIFAR100_FILES = List.of("train.bin", "test.bin");

    private static final String FIX = "re-download the binary version or point dir= at the right folder";

    /** Which variant, and for CIFAR-100 which of its two labels. */
    public enum Variant {
        CIFAR10("cifar10", "CIFAR-10", CIFAR10_FILES, 1, 0, 10),
        CIFAR100_FINE("cifar100", "CIFAR-100", CIFAR100_FILES, 2, 1, 100),
        CIFAR100_COARSE("cifar100", "CIFAR-100", CIFAR100_FILES, 2, 0, 20);

        final String name;
        final String title;
        final List<String> files;
        final int labelBytes;
        final int labelAt;
        final int classes;

        Variant(String name, String title, List<String> files, int labelBytes, int labelAt, int classes) {
            this.name = name;
            this.title = title;
            this.files = files;
            this.labelBytes = labelBytes;
            this.labelAt = labelAt;
            this.classes = classes;
        }

        public int classes() {
            return classes;
        }

        int recordSize() {
            return labelBytes + PIXELS;
        }
    }

    private Cifar() {
    }

    /**
     * What is wrong with dir for this variant without reading the images (missing folder, missing
     * files, a file that is not a whole number of records), as the one sentence a run would fail
     * with; empty when the files look right. Cheap: only sizes are read.
     */
    public static Optional<String> problem(Variant v, Path dir) {
        try {
            files(v, dir);
            return Optional.empty();
        } catch (DataException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Loads the training files (in order) and the test file; keeps the first {@code limit} training and
     * {@code testLimit} test records (0 = all), then holds out {@code val} training records as validation,
     * chosen by {@link Shuffle#permutation} with the seed, as {@link IdxFolder#load} does.
     */
    public static DataSplit load(Variant v, Path dir, int limit, int testLimit, int val, long seed)
            throws DataException {
        List<Path> files = files(v, dir);
        List<Path> trainFiles = files.subList(0, files.size() - 1);
        Dataset train = read(v, trainFiles, limit);
        Dataset test = read(v, List.of(files.get(files.size() - 1)), testLimit);
        if (val >= train.count()) {
            throw new DataException("val=" + val + " would leave no training rows from the " + train.count()
                    + " loaded from " + dir + "; use a smaller val or a larger limit");
        }
        Dataset[] parts = Shuffle.holdOut(train, val, seed);
        String fingerprint = v.name + (v == Variant.CIFAR100_COARSE ? "-coarse" : "") + ":sha256="
                + Fingerprint.ofFiles(files) + ":limit=" + Math.max(limit, 0) + ":test=" + Math.max(testLimit, 0)
                + ":val=" + val + ":seed=" + seed;
        return new DataSplit(parts[0], parts[1], test, fingerprint);
    }

    /**
     * How many training records dir holds, from the file sizes alone, so a recipe's epochs are
     * planned on the real count; {@code fallback} when the files are missing or damaged
     * ({@link #problem} reports that).
     */
    public static int trainRecords(Variant v, Path dir, int fallback) {
        try {
            List<Path> files = files(v, dir);
            long n = 0;
            for (Path p : files.subList(0, files.size() - 1)) {
                n += size(p) / v.recordSize();
            }
            return (int) Math.min(n, Integer.MAX_VALUE);
        } catch (DataException e) {
            return fallback;
        }
    }

    /** The variant's files in order, each checked to exist and to hold whole records. */
    static List<Path> files(Variant v, Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "is not a folder" : "does not exist";
            throw new DataException("no " + v.title + " files in " + dir + ": it " + what + "; expected "
                    + String.join(", ", v.files) + " (the binary version)");
        }
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : v.files) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                found.add(p);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(dir + " lacks the " + v.title + " file" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + "; expected " + String.join(", ", v.files)
                    + " (the binary version)");
        }
        for (Path p : found) {
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                throw new DataException("cannot read " + p + " (" + e.getMessage() + "); check that it is a readable file", e);
            }
            if (size == 0 || size % v.recordSize() != 0) {
                throw new DataException(p + " has " + size + " bytes, not a whole number of " + v.recordSize()
                        + "-byte " + v.title + " records; " + FIX);
            }
        }
        return found;
    }

    private static Dataset read(Variant v, List<Path> files, int limit) throws DataException {
        long total = 0;
        for (Path p : files) {
            total += size(p) / v.recordSize();
        }
        int keep = (int) (limit > 0 ? Math.min(limit, total) : total);
        float[] x = new float[Math.multiplyExact(keep, PIXELS)];
        int[] y = new int[keep];
        int row = 0;
        for (Path p : files) {
            if (row == keep) {
                break;
            }
            byte[] bytes = bytes(p);
            int records = bytes.length / v.recordSize();
            for (int r = 0; r < records && row < keep; r++, row++) {
                int at = r * v.recordSize();
                int label = bytes[at + v.labelAt] & 0xff;
                if (label >= v.classes) {
                    throw new DataException(p + " has label " + label + " in record " + r + " but " + v.title
                            + " has only " + v.classes + " classes here (0-" + (v.classes - 1) + "); " + FIX);
                }
                y[row] = label;
                int from = at + v.labelBytes;
                int to = row * PIXELS;
                for (int i = 0; i < PIXELS; i++) {
                    x[to + i] = (bytes[from + i] & 0xff) / 255f;
                }
            }
        }
        return new Dataset(v.name, x, y, keep, 3, 32, 32, v.classes);
    }

    private static long size(Path p) throws DataException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new DataException("cannot read " + p + " (" + e.getMessage() + "); check that it is a readable file", e);
        }
    }

    private static byte[] bytes(Path p) throws DataException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new DataException(p + " does not exist; " + FIX, e);
        } catch (IOException e) {
            throw new DataException("cannot read " + p + " (" + e.getMessage() + "); check that it is a readable file", e);
        } catch (OutOfMemoryError e) {
            throw new DataException(p + " is too large to load into memory; give the JVM more heap with -Xmx", e);
        }
    }
}
