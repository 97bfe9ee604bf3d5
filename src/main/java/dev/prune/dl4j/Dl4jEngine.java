package dev.prune.dl4j;

import dev.prune.data.DataSplit;
import dev.prune.data.Dataset;
import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.Engine;
import dev.prune.engine.EngineException;
import dev.prune.engine.EvalResult;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.Ghost;
import dev.prune.engine.ChannelGroups;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Norms;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Penalty;
import dev.prune.engine.Snapshot;
import dev.prune.engine.Split;
import dev.prune.engine.TrainHook;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import dev.prune.engine.UnitActivity;
import dev.prune.pruning.Density;
import dev.prune.pruning.LowRank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Engine} on DeepLearning4J: one {@link ComputationGraph} per {@link #build}, whatever the
 * network's shape (a chain of layers is a graph too), trained on
 * ND4J's native CPU backend. Not thread-safe; ND4J's thread count is process-wide, so engines
 * with different thread counts must not run at the same time.
 *
 * <p>Semantics the interface leaves open:
 * <ul>
 *   <li>{@link #applyMasks} takes one mask per layer, or an empty list to drop all masks. A weight
 *       that a new mask brings back is zero and its optimizer state starts afresh.</li>
 *   <li>{@link #freeze} replaces the set of frozen layers (an empty set unfreezes all). Frozen layers
 *       keep the parameters they have when a train request starts.</li>
 *   <li>{@link #restore} puts back everything {@link #snapshot} took, the optimizer state included;
 *       {@link #rewind} restores parameters only: optimizer state (momentum, Adam moments and step
 *       count) carries on, as it does between train requests. {@link #reinitialize} clears it.</li>
 *   <li>The {@link dev.prune.engine.TrainHook} runs after DL4J's step and the mask listener, so
 *       the weights it sees are masked; masks it sets are in force for the next step.</li>
 *   <li>The loss passed to {@link TrainObserver#iteration} is DL4J's mini-batch score: mean
 *       cross-entropy plus the L2 penalty 0.5 * weightDecay * ||W||^2 when weight decay is set
 *       ({@link DenseStep} sums the same in double, DL4J in float). {@link #evaluate} reports the
 *       cross-entropy alone.</li>
 *   <li>{@link #save} writes DL4J's model zip with the updater state, plus the masks under the
 *       entry {@value #MASKS_ENTRY} as a {@code List<float[]>} in the flat layout (empty if none).</li>
 *   <li>{@link #compact} swaps the network for the smaller one; a snapshot taken before it cannot
 *       be restored after it.</li>
 *   <li>{@link #saveState} writes the same zip plus frozen layers and named checkpoints; see
 *       {@link EngineState}.</li>
 * </ul>
 */
public final class Dl4jEngine implements Engine {

    /** The entry of a saved model file that holds the masks, for {@code ModelSerializer.getObjectFromFile}. */
    public static final String MASKS_ENTRY = "prune-masks";

    private static final int EVAL_BATCH = 1000;

    private ComputationGraph net;
    private NetworkSpec spec;
    private OptimizerSpec optimizer;
    private DrivenSchedule schedule;
    private List<WeightLayout> layouts = List.of();
    private MaskListener guard;
    /**
     * PLATON's averages while a criterion reads them, else null; part of a snapshot and of the
     * saved state, so a restored or resumed run scores by the averages of the run without a break.
     */
    private ImportanceListener importance;
    /** SCL's mask variables during a train request under its penalty, else null. */
    private ConnectionListener connections;
    /** The spectral-radius penalty's state (its last eigenvector), kept from one train request to the next. */
    private SpectralStep spectral;
    private SplitArrays train;
    /** α of the data's own label smoothing; a penalty's, while in force, takes its place. */
    private double dataSmoothing;
    private SplitArrays validation;
    private SplitArrays test;
    private int batchSize;
    private int threads;
    private List<float[]> masks = List.of();
    private final Set<Integer> frozen = new TreeSet<>();
    /** The vertices whose gradients the layers leave out during the train request under way; empty outside one. */
    private Set<String> planned = Set.of();
    private final Map<String, INDArray> checkpoints = new LinkedHashMap<>();
    /** Unit statistics of the current parameters, shared by the metrics and criteria that ask for them. */
    private final ActivityCache activity = new ActivityCache();
    /** Train with DL4J's {@code fit} even where {@link DenseStep} would do, for the benchmark and tests. */
    private boolean dl4jFit;

    /**
     * What {@link #snapshot} keeps. The iteration count is part of it because Adam's bias
     * correction reads it. Checkpoint arrays are never changed in place, so sharing them is safe.
     */
    private record State(ComputationGraph owner, INDArray params, INDArray updater, int iteration, int epoch,
                         List<float[]> masks, Set<Integer> frozen, Map<String, INDArray> checkpoints,
                         ImportanceListener.Saved importance)
            implements Snapshot {}

    @Override
    public void build(NetworkSpec network, OptimizerSpec optimizer, DataSplit data, int batchSize, long seed,
                      int threads) {
        close();
        if (batchSize <= 0 || threads <= 0) {
            throw new EngineException("batch size and thread count must be positive, got " + batchSize
                    + " and " + threads);
        }
        Dataset t = data.train();
        if (t.inputSize() != network.inputSize() || t.classes() != network.classes()) {
            throw new EngineException("network '" + network.name() + "' takes " + network.inputSize()
                    + " inputs and " + network.classes() + " classes but the data has " + t.inputSize()
                    + " and " + t.classes());
        }
        Backend.pinThreads(threads);
        long rngSeed = nativeSeed(seed);
        NetworkBuilder.Built built = NetworkBuilder.build(network, optimizer, rngSeed);
        // Reseeded right before init: the seed in the configuration then fully determines the weights.
        Nd4j.getRandom().setSeed(rngSeed);
        ComputationGraph n = new ComputationGraph(built.configuration());
        n.init();
        ReluDense.install(n);
        NativeConv.install(n);
        ReluActivation.install(n);
        List<WeightLayout> l = new ArrayList<>();
        for (int i = 0; i < network.layers().size(); i++) {
            l.add(new WeightLayout(network.layers().get(i)));
        }
        guard = new MaskListener();
        importance = null;
        connections = null;
        spectral = null;
        n.setListeners(guard);
        this.net = n;
        this.spec = network;
        this.optimizer = optimizer;
        this.schedule = built.schedule();
        this.layouts = List.copyOf(l);
        this.batchSize = batchSize;
        this.threads = threads;
        this.train = new SplitArrays(data.train()).augmented(data.augmentation());
        this.dataSmoothing = data.labelSmoothing();
        this.validation = new SplitArrays(data.validation());
        this.test = new SplitArrays(data.test());
        checkpoints.put("init", n.params().dup());
    }

    /**
     * ND4J's native generator takes seed 0 as "seed from the clock", so a recipe without a seed
     * (seed 0) would start from different weights on every run. 0 is mapped to a fixed seed
     * nobody writes; every other seed is passed as it is, so their weights stay as they were.
     */
    static long nativeSeed(long seed) {
        return seed == 0 ? 0x5EED_0000_0000_0001L : seed;
    }

    @Override
    public TrainResult train(TrainRequest request, TrainObserver observer) {
        requireBuilt();
        if (train.count() == 0) {
            throw new EngineException("the training split of the data is empty");
        }
        List<String> dl4jFrozen = new ArrayList<>();
        for (int layer : frozen) {
            // The weight layer's own parameters; a batch norm after it keeps training.
            dl4jFrozen.add(layouts.get(layer).vertex());
        }
        guard.freeze(net, dl4jFrozen);
        guard.penalize(net, Norms.after(spec).stream().filter(n -> n != null).toList(), request.penalty().normL1());
        Penalty penalty = request.penalty();
        double smoothing = penalty.labelSmoothing();
        train.smoothed(smoothing > 0 ? smoothing : dataSmoothing);
        int ghost = masks.isEmpty() ? 0 : Ghost.steps(penalty.ghost(), request.iterations());
        guard.ghost(ghost);
        TrainRequest run = penalty.spectral() == null ? request : withSpectral(request, penalty.spectral());
        if (penalty.connections() != null) {
            connections = new ConnectionListener(net, layouts, masks, penalty.connections());
            listen();
        }
        // Frozen layers leave out the gradients nobody reads; SCL's mask variables read them all.
        planned = connections == null ? Set.copyOf(dl4jFrozen) : Set.of();
        BackwardPlan.frozen(net, planned);
        DenseStep step = stepFor(penalty, ghost);
        try {
            return new TrainLoop(net, schedule, train, batchSize, step).run(run,
                    observer == null ? TrainObserver.NONE : observer);
        } finally {
            planned = Set.of();
            BackwardPlan.frozen(net, planned);
            if (ghost > 0) {
                // A training stopped inside its ghost phase leaves no ghost behind.
                guard.ghost(0);
                guard.applyToParams();
            }
            if (connections != null) {
                List<float[]> learned = connections.masks();
                connections = null;
                listen();
                applyMasks(learned);
            }
        }
    }

    /** Prune's own step for a training under {@code penalty} with a ghost phase of {@code ghost} steps, or null for DL4J's {@code fit}. */
    DenseStep stepFor(Penalty penalty, int ghost) {
        return dl4jFit ? null : DenseStep.of(net, guard, penalty, ghost);
    }

    /** The request with the spectral-radius penalty's step before its hook, every {@code every} iterations. */
    private TrainRequest withSpectral(TrainRequest request, Penalty.Spectral settings) {
        if (spectral == null || !spectral.settings().equals(settings)) {
            spectral = new SpectralStep(settings, request.dataSeed());
        }
        SpectralStep step = spectral;
        TrainHook hook = request.hook();
        return new TrainRequest(request.iterations(), request.dataSeed(), request.lr(), i -> {
            if ((i + 1) % settings.every() == 0) {
                step.apply(net, layouts, train, masks, request.lr().applyAsDouble(i));
                guard.applyToParams();
            }
            return hook.after(i);
        }, request.penalty());
    }

    @Override
    public double spectralRadius() {
        return spectral == null ? Double.NaN : spectral.radius();
    }

    /** The listeners in force: the masks first, then the statistics and mask variables that read the gradient. */
    private void listen() {
        List<org.deeplearning4j.optimize.api.TrainingListener> all = new ArrayList<>();
        all.add(guard);
        if (importance != null) {
            all.add(importance);
        }
        if (connections != null) {
            all.add(connections);
        }
        net.setListeners(all);
    }

    @Override
    public List<float[]> masks() {
        requireBuilt();
        if (connections != null) {
            return connections.masks();
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < layouts.size(); i++) {
            out.add(masks.isEmpty() ? Density.ones(layouts.get(i).spec().weightCount())
                    : masks.get(i).clone());
        }
        return out;
    }

    @Override
    public void scaleWeights(double[] factors) {
        requireBuilt();
        if (factors.length != layouts.size()) {
            throw new EngineException(factors.length + " factors given for a network with " + layouts.size() + " layers");
        }
        for (int l = 0; l < factors.length; l++) {
            if (factors[l] != 1) {
                layouts.get(l).weights(net).muli(factors[l]);
            }
        }
    }

    @Override
    public EvalResult evaluate(Split split) {
        requireBuilt();
        SplitArrays data = switch (split) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
        return Scoring.evaluate(net, data, EVAL_BATCH);
    }

    @Override
    public List<float[]> weights() {
        requireBuilt();
        List<float[]> out = new ArrayList<>(layouts.size());
        for (WeightLayout l : layouts) {
            out.add(l.copy(net));
        }
        return out;
    }

    @Override
    public void applyMasks(List<float[]> newMasks) {
        requireBuilt();
        if (!newMasks.isEmpty() && newMasks.size() != layouts.size()) {
            throw new EngineException(newMasks.size() + " masks given for a network with " + layouts.size()
                    + " layers");
        }
        List<INDArray> arrays = new ArrayList<>();
        List<float[]> copies = new ArrayList<>();
        for (int i = 0; i < newMasks.size(); i++) {
            arrays.add(layouts.get(i).mask(net, newMasks.get(i)));
            copies.add(newMasks.get(i).clone());
        }
        UpdaterState.zeroRevived(net, layouts, masks, copies);
        guard.setMasks(net, newMasks.isEmpty() ? List.of() : layouts, arrays);
        guard.setNorms(net, ChannelGroups.silenced(spec, newMasks));
        guard.applyToParams();
        masks = List.copyOf(copies);
    }

    @Override
    public void trackImportance(double beta1, double beta2) {
        requireBuilt();
        // After the mask listener, which adds network slimming's penalty to γ's gradient only.
        importance = new ImportanceListener(net, layouts, beta1, beta2);
        // It reads a frozen layer's gradient, which must then be zero as it always was.
        guard.gradientsRead(true);
        listen();
    }

    @Override
    public List<float[]> importance() {
        requireBuilt();
        if (importance == null) {
            throw new EngineException("no gradient statistics have been kept since the network was built");
        }
        return importance.scores();
    }

    @Override
    public List<float[]> lossGradients(GradientRequest request) {
        requireBuilt();
        return everyGradient(() -> Gradients.compute(net, layouts, train, request));
    }

    @Override
    public List<float[]> hessianVector(GradientRequest request, List<float[]> vector) {
        requireBuilt();
        return everyGradient(() -> Gradients.hessianVector(net, layouts, train, request, vector));
    }

    /** Frozen layers' gradients too, when asked from a hook inside a train request. */
    private <T> T everyGradient(java.util.function.Supplier<T> gradients) {
        if (planned.isEmpty()) {
            return gradients.get();
        }
        BackwardPlan.frozen(net, Set.of());
        try {
            return gradients.get();
        } finally {
            BackwardPlan.frozen(net, planned);
        }
    }

    @Override
    public List<float[]> normScales() {
        requireBuilt();
        List<float[]> out = new ArrayList<>();
        for (String norm : Norms.after(spec)) {
            out.add(norm == null ? null : net.getLayer(norm).getParam("gamma").dup().data().asFloat());
        }
        return out;
    }

    @Override
    public List<double[]> reshapeSpectrum(List<java.util.function.UnaryOperator<double[]>> spectra) {
        requireBuilt();
        // A batch norm after a layer is folded in, the folded matrix decomposed, and divided back out.
        List<double[]> scales = NormScales.of(net, spec);
        List<double[]> out = new ArrayList<>();
        for (int l = 0; l < layouts.size(); l++) {
            if (l >= spectra.size() || spectra.get(l) == null) {
                out.add(null);
                continue;
            }
            WeightLayout layout = layouts.get(l);
            int fanIn = layout.spec().fanIn();
            float[] before = layout.copy(net);
            double[] s = scales.get(l);
            Spectra.Result r = Spectra.reshape(s == null ? before : LowRank.fold(before, fanIn, s), layout.spec().nOut(),
                    fanIn, spectra.get(l));
            float[] w = s == null ? r.weights() : LowRank.unfold(r.weights(), before, fanIn, s);
            if (!masks.isEmpty()) {
                float[] m = masks.get(l);
                for (int i = 0; i < w.length; i++) {
                    w[i] *= m[i];
                }
            }
            INDArray shaped = layout.shaped(net, w);
            layout.weights(net).assign(shaped);
            shaped.close();
            out.add(r.sigma());
        }
        return out;
    }

    @Override
    public List<float[]> unitOutputs(int from, int count) {
        requireBuilt();
        return Activity.outputs(net, spec, train, from, count);
    }

    @Override
    public UnitActivity unitActivity(int examples) {
        requireBuilt();
        return activity.measure(net, spec, layouts, train, examples);
    }

    @Override
    public CompactResult compact(Cut cut, List<float[]> newMasks, Path file) {
        requireBuilt();
        if (test.count() == 0) {
            throw new EngineException("compact compares the networks on the test split, which is empty");
        }
        if (!cut.before().equals(spec)) {
            throw new EngineException("compact was given the channels of another network than '" + spec.name() + "'");
        }
        Compactor.Compacted c = Compactor.compact(net, cut, optimizer, test, checkpoints);
        // From here on the engine trains the smaller network; layer indices stay as they were.
        activity.clear();
        net = c.net();
        spec = cut.after();
        schedule = c.schedule();
        List<WeightLayout> l = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            l.add(new WeightLayout(spec.layers().get(i)));
        }
        layouts = List.copyOf(l);
        guard = new MaskListener();
        importance = null;
        connections = null;
        spectral = null;
        net.setListeners(guard);
        // The optimizer state was sliced with the weights: no weight comes back, none is cleared.
        masks = List.of();
        applyMasks(newMasks);
        checkpoints.clear();
        checkpoints.putAll(c.checkpoints());
        if (file != null) {
            save(file);
        }
        return c.result();
    }

    @Override
    public void checkpoint(String name) {
        requireBuilt();
        checkpoints.put(name, net.params().dup());
    }

    @Override
    public void rewind(String name) {
        requireBuilt();
        INDArray saved = checkpoints.get(name);
        if (saved == null) {
            throw new EngineException("there is no checkpoint named '" + name + "'; known: "
                    + String.join(", ", checkpoints.keySet()));
        }
        net.params().assign(saved);
        guard.applyToParams();
    }

    @Override
    public void average(List<String> names) {
        requireBuilt();
        if (names.isEmpty()) {
            throw new EngineException("no checkpoints to average");
        }
        INDArray sum = null;
        for (String name : names) {
            INDArray saved = checkpoints.get(name);
            if (saved == null || saved.length() != net.params().length()) {
                throw new EngineException("there is no checkpoint named '" + name + "' of this network to average");
            }
            sum = sum == null ? saved.dup() : sum.addi(saved);
        }
        net.params().assign(sum.divi(names.size()));
        sum.close();
    }

    @Override
    public void recomputeNormStatistics() {
        requireBuilt();
        NormStatistics.recompute(net, spec, train, batchSize);
    }

    @Override
    public Snapshot snapshot() {
        requireBuilt();
        INDArray updater = net.updaterState();
        return new State(net, net.params().dup(), updater == null ? null : updater.dup(), net.getIterationCount(),
                net.getEpochCount(), masks, Set.copyOf(frozen), new LinkedHashMap<>(checkpoints),
                importance == null ? null : importance.save());
    }

    @Override
    public void restore(Snapshot snapshot) {
        requireBuilt();
        if (!(snapshot instanceof State s) || s.owner() != net) {
            throw new EngineException("cannot restore a snapshot of another network; take it after the last build");
        }
        net.params().assign(s.params());
        INDArray updater = net.updaterState();
        if (updater != null) {
            // A snapshot taken before the first step has no optimizer state yet: that is all zeros.
            if (s.updater() == null) {
                updater.assign(0);
            } else {
                updater.assign(s.updater());
            }
        }
        net.getConfiguration().setIterationCount(s.iteration());
        net.getConfiguration().setEpochCount(s.epoch());
        // The optimizer state just restored belongs to the snapshot's masks: no weight comes back
        // relative to them, so none of it may be cleared as applyMasks would against the current ones.
        masks = List.of();
        applyMasks(s.masks());
        frozen.clear();
        frozen.addAll(s.frozen());
        checkpoints.clear();
        checkpoints.putAll(s.checkpoints());
        keepImportance(s.importance());
    }

    /** PLATON's averages as a snapshot or state file had them: restored, or none kept. */
    private void keepImportance(ImportanceListener.Saved saved) {
        if (saved == null) {
            importance = null;
            net.setListeners(guard);
        } else {
            importance = ImportanceListener.restore(net, layouts, saved);
            guard.gradientsRead(true);
            net.setListeners(guard, importance);
        }
    }

    @Override
    public void freeze(Set<Integer> layers) {
        requireBuilt();
        for (int layer : layers) {
            if (layer < 0 || layer >= layouts.size()) {
                throw new EngineException("cannot freeze layer " + layer + "; network '" + spec.name()
                        + "' has layers 0 to " + (layouts.size() - 1));
            }
        }
        frozen.clear();
        frozen.addAll(layers);
    }

    @Override
    public void reinitialize(long seed) {
        requireBuilt();
        NetworkBuilder.Built built = NetworkBuilder.build(spec, optimizer, seed);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph fresh = new ComputationGraph(built.configuration());
        fresh.init();
        Map<String, INDArray> kept = new LinkedHashMap<>();
        for (dev.prune.engine.Node n : spec.nodes()) {
            if (n.kind() == dev.prune.engine.NodeKind.KEPT) {
                net.getLayer(n.name()).paramTable().forEach((key, value) -> kept.put(n.name() + "_" + key, value.dup()));
            }
        }
        net.params().assign(fresh.params());
        // A kept layer is never trained or pruned: fresh weights would make it another layer.
        kept.forEach((key, value) -> net.getParam(key).assign(value));
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (state != null) {
            state.assign(0);
        }
        // Adam's bias correction counts steps from here, as in a network never trained.
        net.getConfiguration().setIterationCount(0);
        net.getConfiguration().setEpochCount(0);
        guard.applyToParams();
    }

    @Override
    public void save(Path file) {
        requireBuilt();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ModelSerializer.writeModel(net, file.toFile(), true);
            ModelSerializer.addObjectToFile(file.toFile(), MASKS_ENTRY, new ArrayList<>(masks));
        } catch (IOException | RuntimeException e) {
            throw new EngineException("could not save the network to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<float[]> load(Path file) {
        requireBuilt();
        try {
            SavedWeights.copy(file, net);
            List<float[]> loaded = hasEntry(file, MASKS_ENTRY)
                    ? ModelSerializer.getObjectFromFile(file.toFile(), MASKS_ENTRY) : null;
            if (loaded != null && !loaded.isEmpty()) {
                applyMasks(loaded);
            }
            checkpoints.put("init", net.params().dup());
            return loaded == null || loaded.isEmpty() ? List.of() : loaded;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException known) {
                throw known;
            }
            throw new EngineException("could not load the network from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file the user's own code saved has no masks entry: it is dense. {@code ModelSerializer}
     * keeps added objects under {@code objects/}.
     */
    static boolean hasEntry(Path file, String entry) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.getEntry("objects/" + entry) != null;
        }
    }

    @Override
    public String describe() {
        return Backend.describe(threads > 0 ? threads : Nd4j.getEnvironment().maxThreads());
    }

    @Override
    public Map<String, String> provenance() {
        return Backend.provenance(threads > 0 ? threads : Nd4j.getEnvironment().maxThreads());
    }

    @Override
    public void saveState(Path file) {
        requireBuilt();
        EngineState.save(net, masks, frozen, checkpoints, importance == null ? null : importance.save(), file);
    }

    @Override
    public void restoreState(Path file) {
        requireBuilt();
        EngineState.Loaded loaded = EngineState.restore(net, file);
        // As in restore: the loaded optimizer state goes with the loaded masks.
        masks = List.of();
        applyMasks(loaded.masks());
        freeze(loaded.frozen());
        checkpoints.clear();
        checkpoints.putAll(loaded.checkpoints());
        keepImportance(loaded.importance());
    }

    @Override
    public void close() {
        // The data is by far the largest off-heap allocation and is freed now; for the rest,
        // dropping the references is enough (ND4J frees buffers when they are collected), and the
        // workspaces belong to the thread, shared with any other network trained on it.
        for (SplitArrays split : new SplitArrays[] {train, validation, test}) {
            if (split != null) {
                split.close();
            }
        }
        activity.clear();
        net = null;
        guard = null;
        train = validation = test = null;
        layouts = List.of();
        masks = List.of();
        frozen.clear();
        checkpoints.clear();
    }

    /** Makes training use DL4J's {@code fit} always (true) or Prune's step where it applies (false, the default). */
    void dl4jFit(boolean on) {
        dl4jFit = on;
    }

    /** The listener that enforces masks and freezing, for tests and the benchmark. */
    MaskListener guard() {
        return guard;
    }

    /** The unit statistics kept between requests, for tests and the benchmark. */
    ActivityCache activityCache() {
        return activity;
    }

    /** The underlying network, for tests that inspect DL4J parameters directly. */
    ComputationGraph network() {
        return net;
    }

    private void requireBuilt() {
        if (net == null) {
            throw new EngineException("no network has been built yet");
        }
    }
}
