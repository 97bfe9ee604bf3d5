package dev.prune.builtins;

import dev.prune.data.Cifar;
import dev.prune.data.DataException;
import dev.prune.data.DataSplit;
import dev.prune.data.FashionMnist;
import dev.prune.data.IdxFolder;
import dev.prune.data.ImageFolder;
import dev.prune.data.Preparation;
import dev.prune.data.Shapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Datasets: the built-in procedural shapes, Fashion-MNIST from Debian's package, any IDX folder,
 * CIFAR-10 and CIFAR-100 in their binary form, and a folder of images per class; and the one
 * augmentation builtin their {@code augment=} option takes.
 */
final class DataBuiltins {
    private DataBuiltins() {}

    private static final int FASHION_TRAIN = 60000;
    private static final int CIFAR_TRAIN = 50000;
    /** What {@code augment=true} means: the CIFAR augmentation of He et al. 2016. */
    private static final int DEFAULT_CROP = 4;

    static void register(Registry r) {
        r.add(new Builtin<DataSource>("shapes", Kind.DATASET, List.of(
                Param.of("train", Type.INT, Value.Num.of(6000), "training examples to generate").range(10, 1_000_000),
                Param.of("test", Type.INT, Value.Num.of(1000), "test examples to generate").range(10, 1_000_000),
                val(), batch(),
                Param.of("size", Type.INT, Value.Num.of(Shapes.DEFAULT_SIZE), "side of the square images in pixels")
                        .range(8, 1024)), null,
                "built-in procedural images (28x28 unless size says otherwise) of 10 simple shapes; needs no files", "",
                a -> new Source("shapes", new DataShape(1, a.integer("size"), a.integer("size"), 10), a.integer("batch"),
                        a.integer("train") - a.integer("val"), a.integer("val"),
                        seed -> Shapes.generate(a.integer("train"), a.integer("test"), a.integer("val"),
                                a.integer("size"), seed),
                        Optional::empty)));
        r.add(new Builtin<DataSource>("fashion_mnist", Kind.DATASET, prepared(idxParams(), false),
                null, "Fashion-MNIST from Debian's dataset-fashion-mnist package, or from dir", "Xiao et al. 2017",
                a -> new Source("fashion_mnist", new DataShape(1, 28, 28, 10), a.integer("batch"),
                        trainCount(a, FASHION_TRAIN), a.integer("val"),
                        seed -> preparation(a).apply(FashionMnist.load(dir(a), a.integer("limit"),
                                a.integer("test_limit"), a.integer("val"), seed), seed),
                        Optional::empty)));
        List<Param> idx = new ArrayList<>(idxParams());
        idx.add(Param.of("name", Type.STRING, new Value.Str("idx"), "name shown in reports"));
        idx.add(Param.of("train_count", Type.INT, Value.Num.of(60000), "training examples in the folder (for planning)").range(1, 1e9));
        r.add(new Builtin<DataSource>("idx", Kind.DATASET, prepared(idx, false), null,
                "a folder with the four MNIST-format IDX files (28x28, 10 classes), e.g. MNIST", "",
                a -> new Source(a.string("name"), new DataShape(1, 28, 28, 10), a.integer("batch"),
                        trainCount(a, a.integer("train_count")), a.integer("val"),
                        seed -> preparation(a).apply(IdxFolder.load(a.string("name"), Path.of(a.string("dir")),
                                a.integer("limit"), a.integer("test_limit"), a.integer("val"), seed), seed),
                        Optional::empty)));
        r.add(new Builtin<DataSource>("cifar10", Kind.DATASET, prepared(cifarParams(false), true), null,
                "CIFAR-10 in its binary version: dir holds data_batch_1.bin .. data_batch_5.bin and test_batch.bin"
                        + " (3x32x32, 10 classes)", "Krizhevsky 2009",
                a -> cifar(a, Cifar.Variant.CIFAR10)));
        r.add(new Builtin<DataSource>("cifar100", Kind.DATASET, prepared(cifarParams(true), true), null,
                "CIFAR-100 in its binary version: dir holds train.bin and test.bin (3x32x32, 100 fine or 20"
                        + " coarse classes)", "Krizhevsky 2009",
                a -> cifar(a, cifar100(a.string("labels")))));
        r.add(new Builtin<DataSource>("images", Kind.DATASET, prepared(imageParams(), true), null,
                "a folder per class of PNG or JPEG images, with train/ and val/ folders if present (the Imagenette"
                        + " layout), scaled to size x size", "",
                DataBuiltins::images));
        r.add(new Builtin<Augment>("augment", Kind.AUGMENTATION, List.of(
                Param.of("crop", Type.INT, Value.Num.of(DEFAULT_CROP),
                        "pad by this many zero pixels on each side, then cut a window of the image's size at a random"
                                + " offset; 0 for none").range(0, 64),
                Param.of("flip", Type.BOOL, new Value.Bool(true), "mirror left-right with probability 1/2")), null,
                "random crop with zero padding and horizontal flip of each training example, drawn anew each epoch"
                        + " from the seed, the epoch and the example (never validation or test)",
                "He et al., CVPR 2016 (Deep residual learning), section 4.2",
                a -> new Augment(a.integer("crop"), a.bool("flip"))));
    }

    /** An augmentation as the builtin creates it; the data builtins read it from their option. */
    record Augment(int crop, boolean flip) {}

    private static DataSource cifar(Args a, Cifar.Variant v) {
        Path dir = Path.of(a.string("dir"));
        return new Source(v == Cifar.Variant.CIFAR10 ? "cifar10" : "cifar100", new DataShape(3, 32, 32, v.classes()),
                a.integer("batch"), trainCount(a, Cifar.trainRecords(v, dir, CIFAR_TRAIN)), a.integer("val"),
                seed -> preparation(a).apply(Cifar.load(v, dir, a.integer("limit"), a.integer("test_limit"),
                        a.integer("val"), seed), seed),
                () -> Cifar.problem(v, dir));
    }

    private static Cifar.Variant cifar100(String labels) {
        switch (labels.toLowerCase(Locale.ROOT)) {
            case "fine": return Cifar.Variant.CIFAR100_FINE;
            case "coarse": return Cifar.Variant.CIFAR100_COARSE;
            default: throw new IllegalArgumentException("cifar100's labels are \"fine\" (100 classes) or \"coarse\""
                    + " (20 superclasses), got \"" + labels + "\"");
        }
    }

    private static DataSource images(Args a) {
        Path dir = Path.of(a.string("dir"));
        int channels = a.integer("channels");
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images' channels is 3 (RGB) or 1 (grey), got " + channels);
        }
        ImageFolder.Options o = new ImageFolder.Options(a.integer("size"), channels, a.number("test"),
                a.integer("limit"), a.integer("test_limit"), a.integer("val"));
        ImageFolder.Counts counts = ImageFolder.counts(dir, o);
        return new Source(a.string("name"), new DataShape(channels, o.size(), o.size(), Math.max(2, counts.classes())),
                a.integer("batch"), Math.max(1, counts.train() - a.integer("val")), a.integer("val"),
                seed -> preparation(a).apply(ImageFolder.load(a.string("name"), dir, o, seed), seed),
                () -> ImageFolder.problem(dir));
    }

    private static List<Param> idxParams() {
        return List.of(
                Param.of("dir", Type.STRING, new Value.Str(""), "folder with the IDX files; empty for the default place"),
                limit(), testLimit(), val(), batch());
    }

    private static List<Param> cifarParams(boolean hundred) {
        List<Param> p = new ArrayList<>(List.of(
                Param.of("dir", Type.STRING, null, "folder with the binary files"),
                limit(), testLimit(), val(), batch()));
        if (hundred) {
            p.add(Param.of("labels", Type.STRING, new Value.Str("fine"), "\"fine\" (100 classes) or \"coarse\" (20)"));
        }
        return p;
    }

    private static List<Param> imageParams() {
        return List.of(
                Param.of("dir", Type.STRING, null, "folder with a folder per class, or with train/ and val/ holding them"),
                Param.of("size", Type.INT, Value.Num.of(32), "images are scaled to size x size pixels").range(4, 1024),
                Param.of("channels", Type.INT, Value.Num.of(3), "3 for RGB, 1 for grey").range(1, 3),
                Param.of("test", Type.FRACTION, new Value.Num(20, dev.prune.ast.Unit.PERCENT),
                        "share held out as the test split when there is no val/ folder").range(0, 0.9),
                limit(), testLimit(), val(), batch(),
                Param.of("name", Type.STRING, new Value.Str("images"), "name shown in reports"));
    }

    /** The options every file dataset shares: label noise, normalisation, augmentation. */
    private static List<Param> prepared(List<Param> params, boolean normalize) {
        List<Param> p = new ArrayList<>(params);
        p.add(Param.of("normalize", Type.BOOL, new Value.Bool(normalize),
                "standardise each channel by its mean and std over the training split"));
        p.add(Param.of("noise", Type.FRACTION, Value.Num.of(0),
                "share of training labels replaced by another class at random (symmetric label noise, seeded)")
                .range(0, 1));
        p.add(Param.of("label_smoothing", Type.FRACTION, Value.Num.of(0),
                "label smoothing of the training targets: 1 - a for the true class, a / (classes - 1) for each "
                        + "other, as ToST trains (Jaiswal et al., ICML 2022); validation and test stay one-hot")
                .range(0, 0.5));
        p.add(Param.of("augment", Type.AUGMENTATION, new Value.Bool(false),
                "augmentation of training batches: augment(crop, flip), true for augment(), false for none"));
        return p;
    }

    private static Preparation preparation(Args a) {
        Value v = a.value("augment");
        int crop = 0;
        boolean flip = false;
        if (v instanceof Value.Bool b && b.value()) {
            crop = DEFAULT_CROP;
            flip = true;
        } else if (v instanceof Value.Ref ref) {
            Map<String, Value> args = ref.args();
            crop = args.get("crop") instanceof Value.Num n ? (int) Math.round(n.value()) : DEFAULT_CROP;
            flip = !(args.get("flip") instanceof Value.Bool f) || f.value();
        }
        return new Preparation(a.number("noise"), a.bool("normalize"), crop, flip, a.number("label_smoothing"));
    }

    private static Param limit() {
        return Param.of("limit", Type.INT, Value.Num.of(0), "use only the first N training examples; 0 for all").range(0, 1e9);
    }

    private static Param testLimit() {
        return Param.of("test_limit", Type.INT, Value.Num.of(0), "use only the first N test examples; 0 for all").range(0, 1e9);
    }

    private static Param val() {
        return Param.of("val", Type.INT, Value.Num.of(0), "training examples held out for validation").range(0, 1e9);
    }

    private static Param batch() {
        return Param.of("batch", Type.INT, Value.Num.of(60), "mini-batch size").range(1, 65536);
    }

    private static Optional<Path> dir(Args a) {
        String d = a.string("dir");
        return d.isEmpty() ? Optional.empty() : Optional.of(Path.of(d));
    }

    private static int trainCount(Args a, int full) {
        int limit = a.integer("limit");
        int n = limit > 0 ? Math.min(limit, full) : full;
        return n - a.integer("val");
    }

    @FunctionalInterface
    interface Loader {
        DataSplit load(long seed) throws DataException;
    }

    private record Source(String name, DataShape shape, int batch, int trainCount, int validationCount,
                          Loader loader, Supplier<Optional<String>> check)
            implements DataSource {
        @Override
        public DataSplit load(long seed) throws DataException {
            return loader.load(seed);
        }

        @Override
        public Optional<String> problem() {
            return check.get();
        }
    }
}
