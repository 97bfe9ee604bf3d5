package dev.prune.builtins;

import dev.prune.data.DataException;
import dev.prune.data.DataSplit;
import dev.prune.data.FashionMnist;
import dev.prune.data.IdxFolder;
import dev.prune.data.Shapes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Datasets: the built-in procedural shapes, Fashion-MNIST from Debian's package, any IDX folder. */
final class DataBuiltins {
    private DataBuiltins() {}

    private static final int FASHION_TRAIN = 60000;
    private static final int FASHION_TEST = 10000;

    static void register(Registry r) {
        r.add(new Builtin<DataSource>("shapes", Kind.DATASET, List.of(
                Param.of("train", Type.INT, Value.Num.of(6000), "training examples to generate").range(10, 1_000_000),
                Param.of("test", Type.INT, Value.Num.of(1000), "test examples to generate").range(10, 1_000_000),
                val(), batch()), null,
                "built-in procedural 28x28 images of 10 simple shapes; needs no files", "",
                a -> new Source("shapes", new DataShape(1, 28, 28, 10), a.integer("batch"),
                        a.integer("train") - a.integer("val"), a.integer("val"),
                        seed -> Shapes.generate(a.integer("train"), a.integer("test"), a.integer("val"), 28, seed))));
        r.add(new Builtin<DataSource>("fashion_mnist", Kind.DATASET, idxParams(),
                null, "Fashion-MNIST from Debian's dataset-fashion-mnist package, or from dir", "Xiao et al. 2017",
                a -> new Source("fashion_mnist", new DataShape(1, 28, 28, 10), a.integer("batch"),
                        trainCount(a, FASHION_TRAIN), a.integer("val"),
                        seed -> FashionMnist.load(dir(a), a.integer("limit"), a.integer("test_limit"),
                                a.integer("val"), seed))));
        List<Param> idx = new ArrayList<>(idxParams());
        idx.add(Param.of("name", Type.STRING, new Value.Str("idx"), "name shown in reports"));
        idx.add(Param.of("train_count", Type.INT, Value.Num.of(60000), "training examples in the folder (for planning)").range(1, 1e9));
        r.add(new Builtin<DataSource>("idx", Kind.DATASET, idx, null,
                "a folder with the four MNIST-format IDX files (28x28, 10 classes), e.g. MNIST", "",
                a -> new Source(a.string("name"), new DataShape(1, 28, 28, 10), a.integer("batch"),
                        trainCount(a, a.integer("train_count")), a.integer("val"),
                        seed -> IdxFolder.load(a.string("name"), Path.of(a.string("dir")), a.integer("limit"),
                                a.integer("test_limit"), a.integer("val"), seed))));
    }

    private static List<Param> idxParams() {
        return List.of(
                Param.of("dir", Type.STRING, new Value.Str(""), "folder with the IDX files; empty for the default place"),
                Param.of("limit", Type.INT, Value.Num.of(0), "use only the first N training examples; 0 for all").range(0, 1e9),
                Param.of("test_limit", Type.INT, Value.Num.of(0), "use only the first N test examples; 0 for all").range(0, 1e9),
                val(), batch());
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
                          Loader loader)
            implements DataSource {
        @Override
        public DataSplit load(long seed) throws DataException {
            return loader.load(seed);
        }
    }
}
