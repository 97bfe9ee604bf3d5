package dev.prune.bench;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.DataShape;
import dev.prune.builtins.GraphModels;
import dev.prune.builtins.ModelFactory;
import dev.prune.builtins.Registry;
import dev.prune.data.DataException;
import dev.prune.data.DataSplit;
import dev.prune.data.FashionMnist;
import dev.prune.dl4j.Dl4jBench;
import dev.prune.dl4j.Dl4jBench.Controls;
import dev.prune.dl4j.Dl4jBench.Epoch;
import dev.prune.dl4j.Dl4jEngine;
import dev.prune.engine.LayerKind;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.interp.EngineProbe;
import dev.prune.pruning.Probe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The whole benchmark, section by section (see {@code docs/performance.md}). Training is timed
 * on Fashion-MNIST with plain SGD, as the PyTorch peer does; every Prune figure is one full epoch
 * after a short warm-up, so the just-in-time compiler and ND4J's workspaces are settled.
 */
public final class Benchmark {

    /**
     * @param quick   a tenth of the data and fewer repeats: a smoke run of every section
     * @param threads the thread counts the epoch rows are measured at, each in turn in this one
     *                run; the other sections use the first
     * @param python  the interpreter that runs the PyTorch peer
     * @param only    the sections to run ({@link #SECTIONS}); empty for all. {@code overhead} is
     *                the LeNet-300-100 epochs alone, where the controls' share shows
     */
    public record Options(boolean quick, List<Integer> threads, String python, Path examples, Set<String> only) {
        /** The sections {@code --only} may name. */
        public static final List<String> SECTIONS = List.of("epoch", "overhead", "scoring", "inference", "check",
                "memory");

        public Options {
            threads = List.copyOf(threads);
            only = Set.copyOf(only);
            if (threads.isEmpty()) {
                throw new IllegalArgumentException("no thread count");
            }
            for (String section : only) {
                if (!SECTIONS.contains(section)) {
                    throw new IllegalArgumentException("there is no section '" + section + "'; the sections are "
                            + String.join(", ", SECTIONS));
                }
            }
        }

        public Options(boolean quick, List<Integer> threads, String python, Path examples) {
            this(quick, threads, python, examples, Set.of());
        }

        boolean runs(String section) {
            return only.isEmpty() || only.contains(section);
        }

        int firstThreads() {
            return threads.get(0);
        }
    }

    private static final double LR = 0.05;
    private static final OptimizerSpec SGD = OptimizerSpec.sgd(0, 0);
    private static final int[] BATCHES = {60, 128};
    /** Alternating bare and controlled epochs per batch size, for the overhead rows. */
    private static final int ROUNDS = 5;
    /** The convolutional graphs of the epoch section, at batch 128 on a subset. */
    private static final List<String> GRAPHS = List.of("resnet20", "vgg11");
    private static final int GRAPH_BATCH = 128;

    private final Options options;
    private final Table table;
    private final Registry registry = Registry.standard();

    public Benchmark(Options options, PrintWriter out) {
        this.options = options;
        this.table = new Table(out);
    }

    public List<Row> rows() {
        return table.rows();
    }

    public void write(Path csv) throws IOException {
        table.write(csv);
    }

    /** Runs every section; a section that cannot run says why in its row instead of failing the rest. */
    public void run() throws IOException, DataException {
        int rows = options.quick() ? 6000 : 60000;
        Path dir = FashionMnist.defaultDir().orElseThrow(() -> new DataException(
                "Fashion-MNIST is not installed; install Debian's dataset-fashion-mnist"));
        DataSplit data = FashionMnist.load(Optional.of(dir), rows, options.quick() ? 2000 : 10000, 0, 1);
        // Graphs train on a subset: a ResNet-20 epoch of 60,000 examples takes most of an hour here.
        int graphRows = options.quick() ? 2 * GRAPH_BATCH : 10 * GRAPH_BATCH;
        DataSplit graphData = FashionMnist.load(Optional.of(dir), graphRows, 256, 0, 1);
        DataShape shape = new DataShape(1, 28, 28, 10);
        NetworkSpec mlp = model("lenet_300_100", shape);
        NetworkSpec cnn = model("lenet5", shape);
        Optional<TorchPeer> torch = TorchPeer.find(options.python());
        for (int threads : options.threads()) {
            Dl4jBench.pinThreads(threads);
            if (!options.runs("epoch") && !options.runs("overhead")) {
                break;
            }
            for (NetworkSpec spec : options.runs("epoch") ? List.of(mlp, cnn) : List.of(mlp)) {
                for (int batch : BATCHES) {
                    epochs(spec, batch, threads, data, dir, torch);
                }
            }
            for (String name : options.runs("epoch") ? GRAPHS : List.<String>of()) {
                graphEpochs(graphModel(name, shape), threads, graphData, dir, torch);
            }
        }
        int threads = options.firstThreads();
        Dl4jBench.pinThreads(threads);
        for (NetworkSpec spec : options.runs("scoring") ? List.of(mlp, cnn) : List.<NetworkSpec>of()) {
            try (Dl4jEngine engine = new Dl4jEngine()) {
                engine.build(spec, SGD, data, 128, 1, threads);
                // A little training first, so that the criteria that compare weights before and
                // after it have something to compare.
                List<float[]> before = engine.weights();
                engine.train(new TrainRequest(20, 0, i -> LR), TrainObserver.NONE);
                Probe probe = new EngineProbe(engine, 128, data.train().count(), before);
                CriterionTiming.run(registry, spec, engine.weights(), probe, spec.name(), table,
                        () -> Dl4jBench.forgetActivity(engine));
                StatisticsTiming.run(engine, spec.name(), table);
            }
        }
        if (options.runs("inference")) {
            InferenceTiming.run(mlp, data.test(), options.quick() ? 200 : 2000, table);
        }
        if (options.runs("check")) {
            Processes.check(options.examples(), table);
        }
        if (options.runs("memory")) {
            Processes.quickStart(options.examples(), table);
            Processes.resnet56(options.quick(), table);
        }
    }

    /**
     * One epoch of a subset at batch 128 (after two warm-up iterations) on plain DL4J, on Prune's
     * loop bare and with every control, and on the PyTorch peer.
     */
    private void graphEpochs(NetworkSpec spec, int threads, DataSplit data, Path dir, Optional<TorchPeer> torch)
            throws IOException {
        String subject = spec.name() + " b" + GRAPH_BATCH + " t" + threads;
        int n = data.train().count();
        int warmup = 2;
        epochRow(subject, "dl4j fit", Dl4jBench.plainFit(spec, SGD, LR, data.train(), GRAPH_BATCH, warmup,
                Integer.MAX_VALUE), n, GRAPH_BATCH);
        Epoch bare = Dl4jBench.engineEpoch(spec, SGD, LR, data, GRAPH_BATCH, warmup, Integer.MAX_VALUE, threads,
                Controls.NONE);
        epochRow(subject, "prune loop", bare, n, GRAPH_BATCH);
        Epoch controlled = Dl4jBench.engineEpoch(spec, SGD, LR, data, GRAPH_BATCH, warmup, Integer.MAX_VALUE,
                threads, Controls.ALL);
        epochRow(subject, "prune loop + masks,freeze,lr", controlled, n, GRAPH_BATCH);
        peerRow(subject, spec.name(), GRAPH_BATCH, n, warmup, threads, dir, torch);
        table.add(new Row("overhead", subject, "masks,freeze,lr in listener", controlled.enforceSeconds()
                / controlled.seconds(), "fraction", "time inside the listener / epoch"));
    }

    /** The peer's epoch row; returns its CPU seconds, NaN when it did not run. */
    private double peerRow(String subject, String model, int batch, int n, int warmup, int threads, Path dir,
                           Optional<TorchPeer> torch) throws IOException {
        if (torch.isEmpty()) {
            table.add(new Row("epoch", subject, "pytorch", Double.NaN, "cpu s", "not installed"));
            return Double.NaN;
        }
        TorchPeer.Epoch t = torch.get().epoch(dir, model, batch, n, warmup, threads);
        epochRow(subject, "pytorch", new Epoch(t.seconds(), t.cpuSeconds(), iterations(n, batch), 0), n, batch,
                "; blas " + t.blas());
        return t.cpuSeconds();
    }

    private void epochs(NetworkSpec spec, int batch, int threads, DataSplit data, Path dir,
                        Optional<TorchPeer> torch) throws IOException {
        String subject = spec.name() + " b" + batch + " t" + threads;
        int n = data.train().count();
        int warmup = options.quick() ? 10 : 40;
        // A LeNet-5 epoch takes minutes on DL4J: a slice of it is timed and scaled to the epoch.
        boolean conv = spec.layers().get(0).kind() == LayerKind.CONV;
        int limit = conv ? (options.quick() ? 20 : 60) : Integer.MAX_VALUE;
        Epoch plain = Dl4jBench.plainFit(spec, SGD, LR, data.train(), batch, warmup, limit);
        epochRow(subject, "dl4j fit", plain, n, batch);
        // Bare and controlled epochs alternate and the medians are kept: on a virtual machine the
        // speed of the same epoch drifts by 10-20% over a minute, which swamps a 3% difference
        // between two epochs timed one after the other. A dense network trains with Prune's own
        // step by default; its epochs on DL4J's fit path alternate with them, so both are in the run.
        boolean dense = !conv;
        List<Controls> variants = dense
                ? List.of(Controls.NONE.onDl4jFit(), Controls.ALL.onDl4jFit(), Controls.NONE, Controls.ALL)
                : List.of(Controls.NONE, Controls.ALL);
        int rounds = conv ? 1 : ROUNDS;
        List<List<Epoch>> timed = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            timed.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < variants.size(); v++) {
                timed.get(v).add(Dl4jBench.engineEpoch(spec, SGD, LR, data, batch, warmup, limit, threads,
                        variants.get(v)));
            }
        }
        Epoch bare = median(timed.get(0));
        Epoch controlled = median(timed.get(1));
        epochRow(subject, "prune loop", bare, n, batch);
        epochRow(subject, "prune loop + masks,freeze,lr", controlled, n, batch);
        Epoch stepBare = dense ? median(timed.get(2)) : null;
        Epoch stepControlled = dense ? median(timed.get(3)) : null;
        if (dense) {
            epochRow(subject, "prune step", stepBare, n, batch);
            epochRow(subject, "prune step + masks,freeze,lr", stepControlled, n, batch);
        }
        Epoch gradients = null;
        if (!conv) {
            // Left out for LeNet-5, where the whole listener is a tenth of a percent of the epoch.
            Controls withGradients = new Controls(true, true, true, true, true);
            gradients = Dl4jBench.engineEpoch(spec, SGD, LR, data, batch, warmup, limit, threads,
                    withGradients);
            epochRow(subject, "... + gradient masking", gradients, n, batch);
        }
        double peer = peerRow(subject, spec.name(), batch, n, warmup, threads, dir, torch);
        if (dense && !Double.isNaN(peer)) {
            table.add(new Row("epoch", subject, "prune loop / pytorch", bare.cpuSeconds() / peer, "x",
                    "CPU time, this run"));
            table.add(new Row("epoch", subject, "prune step / pytorch", stepBare.cpuSeconds() / peer, "x",
                    "CPU time, this run"));
        }
        overheadRows(subject, "", bare, controlled, rounds);
        if (dense) {
            overheadRows(subject, ", prune step", stepBare, stepControlled, rounds);
        }
        if (gradients != null) {
            table.add(new Row("overhead", subject, "gradient masking in listener",
                    (gradients.enforceSeconds() - controlled.enforceSeconds()) / gradients.seconds(), "fraction",
                    "what masking gradients too would add"));
        }
    }

    private void overheadRows(String subject, String path, Epoch bare, Epoch controlled, int rounds) {
        table.add(new Row("overhead", subject, "masks,freeze,lr in listener" + path, controlled.enforceSeconds()
                / controlled.seconds(), "fraction", "time inside the listener / epoch"));
        table.add(new Row("overhead", subject, "masks,freeze,lr vs bare loop" + path,
                (controlled.cpuSeconds() - bare.cpuSeconds()) / bare.cpuSeconds(), "fraction",
                "difference of the median CPU times of " + rounds + " alternating epochs each"));
    }

    /** CPU time first: on a shared machine it is the figure that does not depend on the load. */
    private void epochRow(String subject, String variant, Epoch e, int n, int batch) {
        epochRow(subject, variant, e, n, batch, "");
    }

    private void epochRow(String subject, String variant, Epoch e, int n, int batch, String more) {
        if (Double.isNaN(e.seconds())) {
            table.add(new Row("epoch", subject, variant, Double.NaN, "cpu s", "failed"));
            return;
        }
        int perEpoch = iterations(n, batch);
        double scale = (double) perEpoch / e.iterations();
        String slice = e.iterations() < perEpoch ? "; scaled from " + e.iterations() + " iterations" : "";
        table.add(new Row("epoch", subject, variant, e.cpuSeconds() * scale, "cpu s", String.format(Locale.ROOT,
                "wall %.3f s; %.2f cpu ms/iteration; %d rows%s%s", e.seconds() * scale,
                1000 * e.cpuSeconds() / e.iterations(), n, slice, more)));
    }

    /** The epoch of median CPU time. */
    private static Epoch median(List<Epoch> epochs) {
        List<Epoch> sorted = new ArrayList<>(epochs);
        sorted.sort(java.util.Comparator.comparingDouble(Epoch::cpuSeconds));
        return sorted.get(sorted.size() / 2);
    }

    private static int iterations(int n, int batch) {
        return (n + batch - 1) / batch;
    }

    /** The graphs by the peer's names: {@code resnet20} is {@code resnet(depth=20)}, {@code vgg11} {@code vgg(depth=11)}. */
    private static NetworkSpec graphModel(String name, DataShape shape) {
        return name.startsWith("resnet")
                ? GraphModels.resnet(shape, Integer.parseInt(name.substring(6)), false)
                : GraphModels.vgg(shape, Integer.parseInt(name.substring(3)), true);
    }

    private NetworkSpec model(String name, DataShape shape) {
        Builtin<?> b = registry.find(name).orElseThrow();
        return ((ModelFactory) b.create(Defaults.of(b))).build(shape);
    }
}
