package dev.prune.interp;

import dev.prune.engine.EvalResult;
import dev.prune.engine.NetworkSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter's side of a checkpoint, as plain values: where the run is in the recipe and
 * everything it has counted and measured. Policies are not in it: they are the effect of the
 * statements before {@code step}, which {@link Interpreter#resume} executes again. Weights and
 * optimizer state are the engine's part. The data order needs no state of its own: each phase
 * shuffles with a seed made from the run's seed and {@code phases}, and random criteria draw from
 * the seed and the cycle number.
 *
 * @param step          index of the statement being executed (a {@code run}) among the recipe's steps
 * @param done          cycles of that {@code run} already finished (0: only the cycle-0 row)
 * @param originalStep  index of the {@code train} statement whose schedule is the dense run's, or -1
 * @param masks         one bit per weight, 1 for kept, per layer (see {@link #pack})
 * @param procedures    the clocks of the procedures (rewind points, pruning inside training); null
 *                      in checkpoints written before they existed
 * @param previous      the weights at the start of the last training, 4 bytes a weight, per layer;
 *                      null before any training (criteria that compare with them need them)
 * @param speed         the training measured so far, which the seconds a skipped fine-tuning saves are
 *                      estimated from; null in checkpoints written before it was kept
 * @param network       the network after {@code compact}, which the recipe's model statement does
 *                      not build; null when no compact ran
 * @param initial       with {@code network}: the initial weights sliced to it (the learning
 *                      distance's theta_0), 4 bytes a weight, per layer
 * @param variants      the cycle records of every sweep variant finished so far, by full name in the
 *                      order they ran (for the sweep's table and {@code expect ... in}); null in
 *                      checkpoints written before they were kept. At a checkpoint whose {@code step}
 *                      is a sweep, {@code done} counts the variants of that sweep already finished.
 */
public record Snapshot(int step, int done, long seed, int cycles, int pruneCycles, int phases, long iterations,
                       double epochs, double stepRate, double normDrop, double denseAccuracy, int originalStep,
                       int originalIterations, List<Integer> frozen, List<byte[]> masks, List<CycleRecord> records,
                       EvalResult last, double[] origL2, double[] preL1, double[] postL1,
                       List<String> failedExpectations, Procedures procedures, List<byte[]> previous,
                       Speed speed, NetworkSpec network, List<byte[]> initial,
                       java.util.Map<String, List<CycleRecord>> variants) {

    /**
     * @param trainedIterations iterations trained on this network, the clock of 'rewind to iteration K'
     * @param preIterations     of those, the ones before the first pruning (Scratch-E's length)
     * @param takenPoints       the checkpoints of points of training taken so far
     * @param gradualClock      iterations trained under the prune policy inside training (0 without one)
     * @param initialWeights    the weights are an initialisation not trained since (ToST rescales those);
     *                          false in checkpoints written before it was kept
     */
    public record Procedures(long trainedIterations, long preIterations, boolean pruned, List<String> takenPoints,
                             long gradualClock, double gradualInitial, int gradualUpdates, boolean initialWeights) {}

    /**
     * Iterations trained and the seconds they took, dense training and retraining apart (see
     * {@link Timing}): wall-clock time cannot be measured again on resume, so it is carried.
     */
    public record Speed(long denseIterations, double denseSeconds, long retrainIterations, double retrainSeconds) {}

    /** Masks hold only 0 and 1, so a bit each keeps checkpoints small. */
    public static byte[] pack(float[] mask) {
        byte[] bits = new byte[(mask.length + 7) / 8];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1f) {
                bits[i >> 3] |= (byte) (1 << (i & 7));
            } else if (mask[i] != 0f) {
                throw new IllegalArgumentException("mask value " + mask[i] + " at " + i + " is neither 0 nor 1");
            }
        }
        return bits;
    }

    public static float[] unpack(byte[] bits, int length) {
        if (bits.length != (length + 7) / 8) {
            throw new IllegalArgumentException(bits.length + " mask bytes for " + length + " weights");
        }
        float[] mask = new float[length];
        for (int i = 0; i < length; i++) {
            mask[i] = (bits[i >> 3] >> (i & 7) & 1) == 1 ? 1f : 0f;
        }
        return mask;
    }

    static Snapshot of(RunState s, int step, int done, List<String> failed) {
        List<byte[]> masks = new ArrayList<>();
        s.masks.forEach(m -> masks.add(pack(m)));
        return new Snapshot(step, done, s.seed, s.cycles, s.pruneCycles, s.phases, s.iterations, s.epochs,
                s.stepRate, s.normDrop, s.denseAccuracy, s.originalStep, s.originalIterations,
                List.copyOf(s.frozen), masks, List.copyOf(s.records), s.last, s.changes.origL2(),
                s.changes.preL1(), s.changes.postL1(), List.copyOf(failed),
                new Procedures(s.trainedIterations, s.preIterations, s.pruned, List.copyOf(s.takenPoints),
                        s.gradual == null ? 0 : s.gradual.clock(), s.gradual == null ? Double.NaN : s.gradual.initial(),
                        s.gradual == null ? 0 : s.gradual.updates(), s.initialWeights), bytes(s.previous), s.timing.speed(),
                s.compacted ? s.network : null, s.compacted ? bytes(s.initial) : null,
                new java.util.LinkedHashMap<>(s.variantRecords));
    }

    /** Puts the counted and measured state back; the policies come from executing the statements again. */
    void applyTo(RunState s) {
        if (masks.size() != s.network.layers().size()) {
            throw new IllegalArgumentException("the checkpoint has masks for " + masks.size()
                    + " layers but the model has " + s.network.layers().size());
        }
        s.seed = seed;
        s.cycles = cycles;
        s.pruneCycles = pruneCycles;
        s.phases = phases;
        s.iterations = iterations;
        s.epochs = epochs;
        s.stepRate = stepRate;
        s.normDrop = normDrop;
        s.denseAccuracy = denseAccuracy;
        s.originalIterations = originalIterations;
        s.originalStep = originalStep;
        s.frozen.clear();
        s.frozen.addAll(frozen);
        s.masks = new ArrayList<>();
        for (int l = 0; l < masks.size(); l++) {
            s.masks.add(unpack(masks.get(l), s.network.layers().get(l).weightCount()));
        }
        s.records.clear();
        s.records.addAll(records);
        s.last = last;
        s.changes.restore(origL2, preL1, postL1);
        if (procedures != null) {
            s.trainedIterations = procedures.trainedIterations();
            s.preIterations = procedures.preIterations();
            s.pruned = procedures.pruned();
            s.initialWeights = procedures.initialWeights();
            s.takenPoints.clear();
            s.takenPoints.addAll(procedures.takenPoints());
            if (s.gradual != null) {
                s.gradual.resumeAt(procedures.gradualClock(), procedures.gradualInitial(), procedures.gradualUpdates());
            }
        }
        s.previous = previous == null ? null : floats(previous);
        if (speed != null) {
            s.timing.restore(speed);
        }
        if (network != null) {
            s.compacted = true;
            s.initial = initial == null ? s.initial : floats(initial);
        }
        s.variantRecords.clear();
        if (variants != null) {
            s.variantRecords.putAll(variants);
        }
    }

    private static List<byte[]> bytes(List<float[]> arrays) {
        if (arrays == null) {
            return null;
        }
        List<byte[]> out = new ArrayList<>();
        for (float[] a : arrays) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * a.length);
            bytes.asFloatBuffer().put(a);
            out.add(bytes.array());
        }
        return out;
    }

    private static List<float[]> floats(List<byte[]> arrays) {
        List<float[]> out = new ArrayList<>();
        for (byte[] b : arrays) {
            float[] a = new float[b.length / 4];
            ByteBuffer.wrap(b).asFloatBuffer().get(a);
            out.add(a);
        }
        return out;
    }
}
