package dev.prune.testing;

import dev.prune.data.DataSplit;
import dev.prune.engine.CompactResult;
import dev.prune.engine.Cut;
import dev.prune.engine.Engine;
import dev.prune.engine.EpochStats;
import dev.prune.engine.EvalResult;
import dev.prune.engine.GradientRequest;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.OptimizerSpec;
import dev.prune.engine.Snapshot;
import dev.prune.engine.Split;
import dev.prune.engine.TrainObserver;
import dev.prune.engine.TrainRequest;
import dev.prune.engine.TrainResult;
import dev.prune.engine.UnitActivity;
import dev.prune.pruning.Compaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * An engine that logs one line per call and fakes the numbers deterministically, so language
 * semantics are tested in milliseconds. Weights are seeded random values; "training" scales the
 * unmasked, unfrozen ones; accuracy falls smoothly with sparsity. When the data has a validation
 * split, validation accuracy also falls with the distance of the last training's mean rate from
 * 0.012, so the oracle has something to find, and validation loss falls and then rises again with
 * the iterations trained since the weights were last set (built, rewound, reinitialized), lowest at
 * {@value #BEST_ITERATIONS}, so early stopping has something to find.
 */
public final class FakeEngine implements Engine {
    private final List<String> log;
    private NetworkSpec network;
    private List<float[]> weights;
    private List<float[]> masks;
    private final Map<String, List<float[]>> checkpoints = new HashMap<>();
    private Set<Integer> frozen = new TreeSet<>();
    private int trainCount;
    private boolean validation;
    private double lastMeanLr = Double.NaN;
    private int snapshots;
    private double secondsPerIteration;
    /** Iterations trained since the weights were last set. */
    private int sinceReset;
    /** Every iteration trained, for the made-up gradient of PLATON's averages. */
    private int iterations;
    /** PLATON's β1, β2 and averages while kept (see {@link #trackImportance}), else null. */
    private double[] betas;
    private List<float[]> means;
    private List<float[]> uncertainties;
    static final int BEST_ITERATIONS = 40;

    private record State(int id, List<float[]> weights, List<float[]> masks, Map<String, List<float[]>> checkpoints,
                         Set<Integer> frozen, int trainCount, double lastMeanLr, int sinceReset, int iterations,
                         double[] betas, List<float[]> means, List<float[]> uncertainties) implements Snapshot {}

    public FakeEngine(List<String> log) {
        this.log = log;
    }

    @Override
    public void build(NetworkSpec network, OptimizerSpec optimizer, DataSplit data, int batchSize, long seed,
                      int threads) {
        this.network = network;
        SplittableRandom random = new SplittableRandom(seed);
        weights = new ArrayList<>();
        masks = new ArrayList<>();
        for (LayerSpec l : network.layers()) {
            float[] w = new float[l.weightCount()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * 0.1);
            }
            weights.add(w);
            float[] m = new float[w.length];
            java.util.Arrays.fill(m, 1f);
            masks.add(m);
        }
        checkpoints.put("init", copy(weights));
        validation = data.validation().count() > 0;
        sinceReset = 0;
        betas = null;
        log.add(String.format(Locale.ROOT, "build %s %s train=%d batch=%d seed=%d threads=%d", network.name(),
                optimizer.kind().name().toLowerCase(Locale.ROOT), data.train().count(), batchSize, seed, threads));
    }

    @Override
    public TrainResult train(TrainRequest request, TrainObserver observer) {
        trainCount++;
        for (int l = 0; l < weights.size(); l++) {
            if (frozen.contains(l)) {
                continue;
            }
            float[] w = weights.get(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i] * (1f + 0.01f * (l + 1)) * masks.get(l)[i];
            }
        }
        // The hook may log (prune, checkpoint, evaluate) while training runs: the train line comes first.
        int at = log.size();
        int done = 0;
        for (int i = 0; i < request.iterations(); i++) {
            if (observer.cancelled()) {
                // Like the real engine: stops before the next iteration, the weights as they are by then.
                log.add(String.format(Locale.ROOT, "train cancelled after %d of %d iterations", i,
                        request.iterations()));
                return new TrainResult(i, List.of(), 0.0, false, "training was cancelled after " + i + " of "
                        + request.iterations() + " iterations");
            }
            observer.iteration(i, 1.0 / (1 + i), request.lr().applyAsDouble(i));
            done++;
            sinceReset++;
            iterations++;
            if (betas != null) {
                updateImportance();
            }
            if (!request.hook().after(i)) {
                break;
            }
        }
        double sum = 0;
        for (int i = 0; i < request.iterations(); i++) {
            sum += request.lr().applyAsDouble(i);
        }
        lastMeanLr = request.iterations() > 0 ? sum / request.iterations() : Double.NaN;
        double first = request.iterations() > 0 ? request.lr().applyAsDouble(0) : Double.NaN;
        double last = request.iterations() > 0 ? request.lr().applyAsDouble(request.iterations() - 1) : Double.NaN;
        log.add(at, String.format(Locale.ROOT, "train iterations=%d dataSeed=%d lr=%.6g..%.6g frozen=%s%s%s",
                request.iterations(), request.dataSeed(), first, last, frozen,
                request.penalty().normL1() == 0 ? "" : " bn_l1=" + request.penalty().normL1(),
                (request.penalty().ghost() == 0 ? "" : " ghost=" + request.penalty().ghost())
                        + (request.penalty().labelSmoothing() == 0 ? "" : " smoothing=" + request.penalty().labelSmoothing())));
        if (done < request.iterations()) {
            log.add("train stopped after " + done + " iterations");
        }
        double seconds = secondsPerIteration * done;
        EpochStats stats = new EpochStats(0, 0.5, last, seconds, done);
        observer.epoch(stats);
        return new TrainResult(done, List.of(stats), seconds, true, null);
    }

    @Override
    public EvalResult evaluate(Split split) {
        double s = sparsity();
        if (split == Split.VALIDATION) {
            if (!validation) {
                return new EvalResult(Double.NaN, Double.NaN, 0);
            }
            // best after training at a mean rate of 0.012, so a grid search has a clear winner
            double v = 0.9 - 0.5 * Math.pow(s, 4) - (Double.isNaN(lastMeanLr) ? 0 : Math.abs(lastMeanLr - 0.012));
            log.add(String.format(Locale.ROOT, "evaluate validation sparsity=%.4f accuracy=%.4f", s, v));
            return new EvalResult(v, 0.3 + s + 1e-3 * Math.abs(sinceReset - BEST_ITERATIONS), 100);
        }
        double accuracy = 0.9 - 0.5 * Math.pow(s, 4) + 0.001 * trainCount;
        log.add(String.format(Locale.ROOT, "evaluate %s sparsity=%.4f", split.name().toLowerCase(Locale.ROOT), s));
        return new EvalResult(accuracy, 0.3 + s, 1000);
    }

    private double sparsity() {
        long zeros = 0;
        long total = 0;
        for (float[] m : masks) {
            for (float v : m) {
                total++;
                if (v == 0f) {
                    zeros++;
                }
            }
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    @Override
    public List<float[]> weights() {
        return copy(weights);
    }

    @Override
    public void scaleWeights(double[] factors) {
        StringBuilder line = new StringBuilder("scaleWeights");
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (w[i] * factors[l]);
            }
            line.append(String.format(Locale.ROOT, " %.4f", factors[l]));
        }
        log.add(line.toString());
    }

    @Override
    public void applyMasks(List<float[]> newMasks) {
        masks = copy(newMasks);
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            for (int i = 0; i < w.length; i++) {
                w[i] *= masks.get(l)[i];
            }
        }
        log.add(String.format(Locale.ROOT, "applyMasks sparsity=%.4f", sparsity()));
    }

    /**
     * PLATON's averages as the real engine keeps them, over a made-up gradient that changes with
     * every iteration trained, g_i = (1 + (i + t) mod 3) w_i + 0.01 ((i + t) mod 7 - 3) at iteration t,
     * so the averages depend on the whole history and a restart from zero would show.
     */
    @Override
    public void trackImportance(double beta1, double beta2) {
        betas = new double[] {beta1, beta2};
        means = new ArrayList<>();
        uncertainties = new ArrayList<>();
        for (float[] w : weights) {
            means.add(new float[w.length]);
            uncertainties.add(new float[w.length]);
        }
        log.add("trackImportance " + beta1 + " " + beta2);
    }

    private void updateImportance() {
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] mean = means.get(l);
            float[] u = uncertainties.get(l);
            for (int i = 0; i < w.length; i++) {
                double g = (1 + (i + iterations) % 3) * w[i] + 0.01 * ((i + iterations) % 7 - 3);
                double importance = Math.abs(w[i] * g);
                mean[i] = (float) (betas[0] * mean[i] + (1 - betas[0]) * importance);
                u[i] = (float) (betas[1] * u[i] + (1 - betas[1]) * Math.abs(importance - mean[i]));
            }
        }
    }

    @Override
    public List<float[]> importance() {
        if (betas == null) {
            throw new dev.prune.engine.EngineException("no gradient statistics have been kept");
        }
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < means.size(); l++) {
            float[] score = new float[means.get(l).length];
            for (int i = 0; i < score.length; i++) {
                score[i] = means.get(l)[i] * uncertainties.get(l)[i];
            }
            out.add(score);
        }
        log.add("importance");
        return out;
    }

    /**
     * A made-up gradient that is linear in the weights, g_i = (c_i w_i + d_i) / T with
     * c_i = 1 + (i mod 3) and d_i = 0.01 ((i + from) mod 7 - 3), so its Hessian is diag(c) / T.
     */
    @Override
    public List<float[]> lossGradients(GradientRequest request) {
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            float[] w = weights.get(l);
            float[] g = new float[w.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (((1 + i % 3) * w[i] + 0.01 * ((i + request.from()) % 7 - 3)) / request.temperature());
            }
            out.add(g);
        }
        log.add(String.format(Locale.ROOT, "gradients from=%d count=%d temperature=%s", request.from(),
                request.count(), request.temperature()));
        return out;
    }

    @Override
    public List<float[]> hessianVector(GradientRequest request, List<float[]> vector) {
        List<float[]> out = new ArrayList<>();
        for (float[] v : vector) {
            float[] h = new float[v.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = (float) ((1 + i % 3) * v[i] / request.temperature());
            }
            out.add(h);
        }
        log.add(String.format(Locale.ROOT, "hessianVector from=%d count=%d temperature=%s", request.from(),
                request.count(), request.temperature()));
        return out;
    }

    /** Each unit's mean |w| as the γ of the batch norm after its layer, where there is one. */
    @Override
    public List<float[]> normScales() {
        List<String> norms = dev.prune.engine.Norms.after(network);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = network.layers().get(l);
            if (norms.get(l) == null) {
                out.add(null);
                continue;
            }
            float[] g = new float[spec.nOut()];
            int fanIn = spec.fanIn();
            for (int u = 0; u < spec.nOut(); u++) {
                for (int j = 0; j < fanIn; j++) {
                    g[u] += Math.abs(weights.get(l)[u * fanIn + j] * masks.get(l)[u * fanIn + j]) / fanIn;
                }
            }
            out.add(g);
        }
        log.add("normScales");
        return out;
    }

    /** Unit u's output on example e: its mean |w| times (1 + e mod 3), for dense layers. */
    @Override
    public List<float[]> unitOutputs(int from, int count) {
        UnitActivity a = unitActivity(0);
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = network.layers().get(l);
            // A conv's maps as its one reader reads them: positions per channel of the reader's input.
            int positions = spec.kind() == dev.prune.engine.LayerKind.DENSE ? 1 : readPositions(l);
            if (positions == 0) {
                out.add(null);
                continue;
            }
            float[] o = new float[count * spec.nOut() * positions];
            for (int e = 0; e < count; e++) {
                for (int u = 0; u < spec.nOut(); u++) {
                    for (int q = 0; q < positions; q++) {
                        o[(e * spec.nOut() + u) * positions + q] = a.meanAbs().get(l)[u] * (1 + (from + e + q) % 3);
                    }
                }
            }
            out.add(o);
        }
        log.add("unitOutputs " + from + "+" + count);
        return out;
    }

    /** Positions per channel of the map the one reader of conv l reads; 0 when there is none. */
    private int readPositions(int l) {
        if (network.layers().get(l).kind() != dev.prune.engine.LayerKind.CONV) {
            return 0;
        }
        try {
            return network.topology().next(l).map(f -> {
                LayerSpec reader = network.layers().get(f.layer());
                return reader.kind() == dev.prune.engine.LayerKind.CONV ? reader.inputHeight() * reader.inputHeight()
                        : f.span();
            }).orElse(0);
        } catch (dev.prune.engine.Topology.Coupled e) {
            return 0;
        }
    }

    /** By the plain Java SVD of the pruning package. */
    @Override
    public List<double[]> reshapeSpectrum(List<java.util.function.UnaryOperator<double[]>> spectra) {
        List<double[]> out = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            if (l >= spectra.size() || spectra.get(l) == null) {
                out.add(null);
                continue;
            }
            LayerSpec spec = network.layers().get(l);
            double[][] a = new double[spec.nOut()][spec.fanIn()];
            float[] w = weights.get(l);
            for (int u = 0; u < spec.nOut(); u++) {
                for (int i = 0; i < spec.fanIn(); i++) {
                    a[u][i] = w[u * spec.fanIn() + i];
                }
            }
            dev.prune.pruning.LowRank.Svd svd = dev.prune.pruning.LowRank.svd(a);
            double[][] p = svd.compose(spectra.get(l).apply(svd.s().clone()));
            for (int u = 0; u < spec.nOut(); u++) {
                for (int i = 0; i < spec.fanIn(); i++) {
                    w[u * spec.fanIn() + i] = (float) p[u][i] * (masks.isEmpty() ? 1f : masks.get(l)[u * spec.fanIn() + i]);
                }
            }
            out.add(svd.s());
        }
        log.add("reshapeSpectrum");
        return out;
    }

    /** Each unit's mean |w| as its mean activation and its share of pruned weights as its zero share. */
    @Override
    public UnitActivity unitActivity(int examples) {
        List<float[]> mean = new ArrayList<>();
        List<float[]> zeros = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            LayerSpec spec = network.layers().get(l);
            float[] m = new float[spec.nOut()];
            float[] z = new float[spec.nOut()];
            int fanIn = spec.fanIn();
            for (int u = 0; u < spec.nOut(); u++) {
                for (int j = 0; j < fanIn; j++) {
                    m[u] += Math.abs(weights.get(l)[u * fanIn + j]) / fanIn;
                    z[u] += masks.get(l)[u * fanIn + j] == 0f ? 1f / fanIn : 0f;
                }
            }
            mean.add(m);
            zeros.add(z);
        }
        return new UnitActivity(mean, zeros, examples);
    }

    @Override
    public CompactResult compact(Cut cut, List<float[]> newMasks, Path file) {
        StringBuilder widths = new StringBuilder();
        NetworkSpec smaller = cut.after();
        for (int l = 0; l < smaller.layers().size(); l++) {
            widths.append(l == 0 ? "" : " ").append(smaller.layers().get(l).name()).append('=')
                    .append(smaller.layers().get(l).nOut());
            if (newMasks.get(l).length != smaller.layers().get(l).weightCount()) {
                throw new IllegalStateException("layer " + l + " got a mask of " + newMasks.get(l).length);
            }
        }
        network = smaller;
        betas = null;
        weights = Compaction.slice(cut, weights);
        masks = copy(newMasks);
        checkpoints.replaceAll((name, saved) -> Compaction.slice(cut, saved));
        log.add("compact " + widths + (file == null ? "" : " save " + file.getFileName()));
        return new CompactResult(0.0, 0.002, 0.001, 1000);
    }

    @Override
    public void checkpoint(String name) {
        checkpoints.put(name, copy(weights));
        log.add("checkpoint " + name);
    }

    @Override
    public void rewind(String name) {
        if (!checkpoints.containsKey(name)) {
            throw new dev.prune.engine.EngineException("there is no checkpoint named '" + name + "'");
        }
        weights = copy(checkpoints.get(name));
        sinceReset = 0;
        applyMasks(masks);
        log.add("rewind " + name);
    }

    @Override
    public void average(List<String> names) {
        List<float[]> out = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            List<float[]> layer = new ArrayList<>();
            for (String name : names) {
                if (!checkpoints.containsKey(name)) {
                    throw new dev.prune.engine.EngineException("there is no checkpoint named '" + name + "'");
                }
                layer.add(checkpoints.get(name).get(l));
            }
            out.add(dev.prune.pruning.SupTickets.mean(layer));
        }
        weights = out;
        log.add("average " + String.join(", ", names));
    }

    @Override
    public void recomputeNormStatistics() {
        log.add("recompute batch norm statistics");
    }

    @Override
    public void reinitialize(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (float[] w : weights) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * 0.1);
            }
        }
        sinceReset = 0;
        applyMasks(masks);
        log.add("reinitialize seed=" + seed);
    }

    @Override
    public Snapshot snapshot() {
        State s = new State(++snapshots, copy(weights), copy(masks), new HashMap<>(checkpoints), new TreeSet<>(frozen),
                trainCount, lastMeanLr, sinceReset, iterations, betas == null ? null : betas.clone(),
                betas == null ? null : copy(means), betas == null ? null : copy(uncertainties));
        log.add("snapshot " + s.id());
        return s;
    }

    @Override
    public void restore(Snapshot snapshot) {
        State s = (State) snapshot;
        weights = copy(s.weights());
        masks = copy(s.masks());
        checkpoints.clear();
        checkpoints.putAll(s.checkpoints());
        frozen = new TreeSet<>(s.frozen());
        trainCount = s.trainCount();
        lastMeanLr = s.lastMeanLr();
        sinceReset = s.sinceReset();
        iterations = s.iterations();
        betas = s.betas() == null ? null : s.betas().clone();
        means = betas == null ? null : copy(s.means());
        uncertainties = betas == null ? null : copy(s.uncertainties());
        log.add("restore " + s.id());
    }

    /** Makes train requests report this many seconds per iteration (0 by default), for timing arithmetic. */
    public FakeEngine secondsPerIteration(double seconds) {
        this.secondsPerIteration = seconds;
        return this;
    }

    @Override
    public void freeze(Set<Integer> layers) {
        frozen = new TreeSet<>(layers);
        log.add("freeze " + frozen);
    }

    @Override
    public void save(Path file) {
        log.add("save " + file.getFileName());
    }

    @Override
    public List<float[]> load(Path file) {
        log.add("load " + file.getFileName());
        return copy(masks);
    }

    @Override
    public String describe() {
        return "fake engine";
    }

    @Override
    public void saveState(Path file) {
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.writeObject(new ArrayList<>(weights));
            out.writeObject(new ArrayList<>(masks));
            out.writeObject(new HashMap<>(checkpoints));
            out.writeObject(new TreeSet<>(frozen));
            out.writeInt(trainCount);
            out.writeDouble(lastMeanLr);
            out.writeInt(sinceReset);
            out.writeInt(iterations);
            out.writeObject(betas);
            out.writeObject(betas == null ? null : new ArrayList<>(means));
            out.writeObject(betas == null ? null : new ArrayList<>(uncertainties));
        } catch (java.io.IOException e) {
            throw new dev.prune.engine.EngineException("cannot write " + file + ": " + e.getMessage(), e);
        }
        log.add("saveState");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Path file) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(java.nio.file.Files.newInputStream(file))) {
            weights = (List<float[]>) in.readObject();
            masks = (List<float[]>) in.readObject();
            checkpoints.clear();
            checkpoints.putAll((Map<String, List<float[]>>) in.readObject());
            frozen = (Set<Integer>) in.readObject();
            trainCount = in.readInt();
            lastMeanLr = in.readDouble();
            sinceReset = in.readInt();
            iterations = in.readInt();
            betas = (double[]) in.readObject();
            means = (List<float[]>) in.readObject();
            uncertainties = (List<float[]>) in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new dev.prune.engine.EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
        log.add("restoreState");
    }

    @Override
    public void close() {
        log.add("close " + (network == null ? "" : network.name()));
    }

    private static List<float[]> copy(List<float[]> arrays) {
        List<float[]> out = new ArrayList<>();
        for (float[] a : arrays) {
            out.add(a.clone());
        }
        return out;
    }

    public NetworkSpec network() {
        return network;
    }
}
