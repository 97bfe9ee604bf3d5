package dev.prune.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in a folder per class (PNG or JPEG, read by {@code javax.imageio}), as torchvision's
 * {@code ImageFolder} reads them. When the folder has {@code train/} and {@code val/} subfolders
 * (the Imagenette layout) the first is the training split and the second the test split; otherwise
 * a seeded share of the images is held out as the test split. Classes are the subfolder names of
 * the training folder in sorted order. Each image is scaled to size x size (bilinear, aspect ratio
 * not kept) and stored as RGB or grey.
 */
public final class ImageFolder {
    private static final List<String> SUFFIXES = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {
    }

    /** The settings of one read. */
    public record Options(int size, int channels, double testShare, int limit, int testLimit, int val) {
        public Options {
            if (size < 1 || (channels != 1 && channels != 3) || testShare < 0 || testShare >= 1 || val < 0) {
                throw new IllegalArgumentException("bad image options " + size + ", " + channels + ", " + testShare);
            }
        }
    }

    /** The problem a run would stop with, found from the folder listing alone; empty when it looks right. */
    public static Optional<String> problem(Path dir) {
        try {
            layout(dir);
            return Optional.empty();
        } catch (DataException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** How many classes and training images (after the test hold-out and limit) a read would give. */
    public record Counts(int classes, int train) {}

    /**
     * The counts from the folder listing alone, for planning before anything is read; zeros when
     * the folder cannot be used ({@link #problem} says why).
     */
    public static Counts counts(Path dir, Options o) {
        try {
            Layout layout = layout(dir);
            int n = 0;
            for (String c : layout.classes) {
                n += images(layout.train.resolve(c)).size();
            }
            if (layout.test == null) {
                n -= Math.max(o.testShare > 0 ? 1 : 0, (int) Math.round(o.testShare * n));
            }
            return new Counts(layout.classes.size(), o.limit > 0 ? Math.min(o.limit, n) : n);
        } catch (DataException e) {
            return new Counts(0, 0);
        }
    }

    /** Reads dir as described above; {@code name} names the dataset in reports. */
    public static DataSplit load(String name, Path dir, Options o, long seed) throws DataException {
        Layout layout = layout(dir);
        List<Path> files = new ArrayList<>();
        Dataset train;
        Dataset test;
        if (layout.test != null) {
            train = read(name, layout.train, layout.classes, o, o.limit, files);
            test = read(name, layout.test, layout.classes, o, o.testLimit, files);
        } else {
            Dataset all = read(name, layout.train, layout.classes, o, 0, files);
            int held = (int) Math.round(o.testShare * all.count());
            if (held == 0 && o.testShare > 0) {
                held = 1;
            }
            if (held >= all.count()) {
                throw new DataException(dir + " has only " + all.count() + " images, too few to hold out "
                        + held + " for testing; add images or lower test=");
            }
            Dataset[] parts = Shuffle.holdOut(all, held, seed);
            train = o.limit > 0 ? parts[0].head(o.limit) : parts[0];
            test = o.testLimit > 0 ? parts[1].head(o.testLimit) : parts[1];
        }
        if (o.val >= train.count()) {
            throw new DataException("val=" + o.val + " would leave no training rows from the " + train.count()
                    + " loaded from " + dir + "; use a smaller val or add images");
        }
        Dataset[] parts = Shuffle.holdOut(train, o.val, seed);
        String fingerprint = name + ":sha256=" + Fingerprint.ofFiles(files) + ":size=" + o.size
                + ":channels=" + o.channels + ":test=" + (layout.test != null ? "val/" : o.testShare)
                + ":limit=" + o.limit + ":test_limit=" + o.testLimit + ":val=" + o.val + ":seed=" + seed;
        return new DataSplit(parts[0], parts[1], test, fingerprint);
    }

    /** Where the training and test images are, and the class names. */
    private record Layout(Path train, Path test, List<String> classes) {}

    private static Layout layout(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "is not a folder" : "does not exist";
            throw new DataException("no images in " + dir + ": it " + what
                    + "; expected a folder per class of PNG or JPEG files");
        }
        Path train = dir;
        Path test = null;
        if (Files.isDirectory(dir.resolve("train"))) {
            train = dir.resolve("train");
            if (Files.isDirectory(dir.resolve("val"))) {
                test = dir.resolve("val");
            } else if (Files.isDirectory(dir.resolve("test"))) {
                test = dir.resolve("test");
            }
        }
        List<String> classes = subfolders(train);
        if (classes.size() < 2) {
            throw new DataException(train + " has " + classes.size() + " class folder" + (classes.size() == 1 ? "" : "s")
                    + " but a dataset needs at least 2; expected a folder per class of PNG or JPEG files");
        }
        if (test != null) {
            for (String c : subfolders(test)) {
                if (!classes.contains(c)) {
                    throw new DataException(test.resolve(c) + " is a class that " + train
                            + " does not have; give both folders the same class folders");
                }
            }
        }
        return new Layout(train, test, classes);
    }

    private static List<String> subfolders(Path dir) throws DataException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + " (" + e.getMessage() + "); check that it is readable", e);
        }
    }

    private static List<Path> images(Path dir) throws DataException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && SUFFIXES.stream().anyMatch(n::endsWith);
            }).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + " (" + e.getMessage() + "); check that it is readable", e);
        }
    }

    /** Every image of every class folder, the classes taking turns; the first limit when limit > 0. */
    private static Dataset read(String name, Path root, List<String> classes, Options o, int limit, List<Path> seen)
            throws DataException {
        // Classes take turns, so the first N images (limit=N) cover every class evenly.
        List<List<Path>> byClass = new ArrayList<>();
        int longest = 0;
        for (String c : classes) {
            byClass.add(images(root.resolve(c)));
            longest = Math.max(longest, byClass.get(byClass.size() - 1).size());
        }
        List<Path> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < longest; k++) {
            for (int c = 0; c < classes.size(); c++) {
                if (k < byClass.get(c).size()) {
                    paths.add(byClass.get(c).get(k));
                    labels.add(c);
                }
            }
        }
        if (paths.isEmpty()) {
            throw new DataException(root + " has no PNG or JPEG images in its class folders; expected a folder"
                    + " per class of .png, .jpg or .jpeg files");
        }
        int n = limit > 0 ? Math.min(limit, paths.size()) : paths.size();
        int pixels = o.channels * o.size * o.size;
        float[] x = new float[Math.multiplyExact(n, pixels)];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            decode(paths.get(i), o, x, i * pixels);
            y[i] = labels.get(i);
            seen.add(paths.get(i));
        }
        return new Dataset(name, x, y, n, o.channels, o.size, o.size, classes.size());
    }

    /** One image scaled to size x size, channel-major, values in [0,1]. */
    static void decode(Path file, Options o, float[] out, int at) throws DataException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the image " + file + " (" + e.getMessage() + "); replace or remove it", e);
        }
        if (image == null) {
            throw new DataException(file + " is not a PNG or JPEG image this Java can read; replace or remove it");
        }
        BufferedImage scaled = new BufferedImage(o.size, o.size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, o.size, o.size, null);
        } finally {
            g.dispose();
        }
        int plane = o.size * o.size;
        for (int yy = 0; yy < o.size; yy++) {
            for (int xx = 0; xx < o.size; xx++) {
                int rgb = scaled.getRGB(xx, yy);
                float r = (rgb >> 16 & 0xff) / 255f;
                float gr = (rgb >> 8 & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int p = yy * o.size + xx;
                if (o.channels == 1) {
                    // ITU-R BT.601 luma, as PIL's convert("L") computes it.
                    out[at + p] = 0.299f * r + 0.587f * gr + 0.114f * b;
                } else {
                    out[at + p] = r;
                    out[at + plane + p] = gr;
                    out[at + 2 * plane + p] = b;
                }
            }
        }
    }
}
