package dev.prune.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A folder holding the four MNIST-format files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), each gzipped ({@code .gz}) or not.
 * The dotted spelling some mirrors use ({@code train-images.idx3-ubyte}) is accepted too.
 */
public final class IdxFolder {
    /** The four base names, in the order train images, train labels, test images, test labels. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final int CLASSES = 10;

    private IdxFolder() {
    }

    /**
     * Loads train and test from dir; takes the first {@code limit} training rows ({@code limit <= 0} = all)
     * and the first {@code testLimit} test rows (likewise), then holds out {@code val} rows of the (limited)
     * training set as validation, chosen by {@link Shuffle#permutation} with {@code seed}. Train and
     * validation keep file order.
     */
    public static DataSplit load(String name, Path dir, int limit, int testLimit, int val, long seed)
            throws DataException {
        return load(name, name, dir, limit, testLimit, val, seed, "pass dir=\"...\" naming the folder that holds them");
    }

    /**
     * As {@link #load(String, Path, int, int, int, long)}; {@code title} names the dataset in messages and
     * {@code hint} ends the message when files are missing.
     */
    static DataSplit load(String name, String title, Path dir, int limit, int testLimit, int val, long seed,
                          String hint) throws DataException {
        if (val < 0) {
            throw new IllegalArgumentException("val must be >= 0, got " + val);
        }
        List<Path> files = find(title, dir, hint);
        Dataset train = Idx.read(files.get(0), files.get(1), name, CLASSES, limit);
        Dataset test = Idx.read(files.get(2), files.get(3), name, CLASSES, testLimit);
        if (train.inputSize() != test.inputSize()) {
            throw new DataException(dir + " mixes image sizes: training images are " + train.height() + "x"
                    + train.width() + " but test images are " + test.height() + "x" + test.width()
                    + "; use files from one download");
        }
        if (val >= train.count()) {
            throw new DataException("val=" + val + " would leave no training rows from the " + train.count()
                    + " loaded from " + dir + "; use a smaller val or a larger limit");
        }
        Dataset[] parts = Shuffle.holdOut(train, val, seed);
        String fingerprint = name + ":sha256=" + Fingerprint.ofFiles(files) + ":limit=" + Math.max(limit, 0)
                + ":test=" + Math.max(testLimit, 0) + ":val=" + val + ":seed=" + seed;
        return new DataSplit(parts[0], parts[1], test, fingerprint);
    }

    /** True when dir holds all four files in some accepted spelling. */
    public static boolean hasFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        for (String base : FILES) {
            if (locate(dir, base).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The four files in {@link #FILES} order, or a DataException saying which are missing. */
    static List<Path> find(String name, Path dir, String hint) throws DataException {
        String expected = "expected " + String.join("(.gz), ", FILES) + "(.gz); " + hint;
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? " is not a folder" : " does not exist";
            throw new DataException("no " + name + " files in " + dir + ": it" + what + "; " + expected);
        }
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String base : FILES) {
            Optional<Path> file = locate(dir, base);
            file.ifPresent(found::add);
            if (file.isEmpty()) {
                missing.add(base + "(.gz)");
            }
        }
        if (found.isEmpty()) {
            throw new DataException("no " + name + " files in " + dir + ": " + expected);
        }
        if (!missing.isEmpty()) {
            throw new DataException(dir + " has only some of the " + name + " files: missing "
                    + String.join(", ", missing) + "; " + hint);
        }
        return found;
    }

    private static Optional<Path> locate(Path dir, String base) {
        String dotted = base.replaceFirst("-(idx[13]-ubyte)$", ".$1");
        for (String candidate : List.of(base + ".gz", base, dotted + ".gz", dotted)) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
