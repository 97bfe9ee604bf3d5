package dev.prune.engine;

/**
 * What the {@code penalty} policy adds to every training while it is in force.
 *
 * <p>{@code normL1} is λ of network slimming's λ Σ|γ| over the batch norms right after weight
 * layers ({@link Norms#after}): each step adds λ·sign(γ) to γ's gradient of the mean mini-batch
 * loss before the optimizer, as the authors' {@code updateBN()} does, so it acts the same under
 * every optimizer.
 *
 * <p>{@code projection} (LRPET) is the constraint that the weight matrices have rank r, kept by
 * projecting onto it every {@code projection.every()} iterations: projected SGD is proximal SGD on
 * the indicator of that set, a penalty of 0 or infinity; null for none.
 *
 * <p>{@code ghost}, {@code rescale} and {@code labelSmoothing} are ToST's aids to training a
 * sparse network (Jaiswal et al., ICML 2022): for the first {@link Ghost#steps ghost share} of a
 * training's iterations the pruned weights train too and what they learn is scaled down linearly
 * to zero by the end of that share ({@link Ghost}); {@code rescale} multiplies each layer's kept
 * weights by 1/sqrt(density) when a training starts from an initialisation
 * ({@link #rescaleFactors}); {@code labelSmoothing} is α of the training targets while in force
 * (1 − α for the true class, α/(C − 1) for each other, {@code dev.prune.data.LabelSmoothing}), 0
 * to keep the data's own.
 */
public record Penalty(double normL1, Projection projection, double ghost, boolean rescale, double labelSmoothing) {

    public static final Penalty NONE = new Penalty(0);

    /**
     * LRPET's projection: every {@code every} iterations of a training and after its last, each dense
     * hidden layer's weight matrix goes to rank {@code rank}, with energy transfer when {@code transfer}.
     */
    public record Projection(int rank, int every, boolean transfer) {
        public Projection {
            if (rank < 1 || every < 1) {
                throw new IllegalArgumentException("a low-rank projection needs rank >= 1 and every >= 1, got rank="
                        + rank + ", every=" + every);
            }
        }
    }

    /** Network slimming's penalty alone. */
    public Penalty(double normL1) {
        this(normL1, null);
    }

    /** A penalty with a projection and no ToST aid. */
    public Penalty(double normL1, Projection projection) {
        this(normL1, projection, 0, false, 0);
    }

    /** ToST's aids (and an L1 penalty on batch norm scales). */
    public Penalty(double normL1, double ghost, boolean rescale, double labelSmoothing) {
        this(normL1, null, ghost, rescale, labelSmoothing);
    }

    public Penalty {
        if (!(normL1 >= 0) || Double.isInfinite(normL1)) {
            throw new IllegalArgumentException("the L1 penalty on batch norm scales must be a finite number >= 0, got "
                    + normL1);
        }
        if (!(ghost >= 0 && ghost <= 1)) {
            throw new IllegalArgumentException("the ghost share of a training must be in 0..1, got " + ghost);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in 0..1 (exclusive), got " + labelSmoothing);
        }
    }

    /** True when nothing is added to the gradient (a projection or ToST's aids may still be in force). */
    public boolean none() {
        return normL1 == 0;
    }

    /** True when no ToST aid is in force. */
    public boolean noAid() {
        return ghost == 0 && !rescale && labelSmoothing == 0;
    }

    /**
     * ToST's sparsity-aware re-scaled initialisation, per layer: 1/sqrt(d) for a layer whose mask
     * keeps the share d of its weights (0 < d < 1), else 1 (a dense layer, or one with no weight
     * left). The variance of each unit's input sum over its kept inputs is then that of the dense
     * initialisation's sum over all of them. [reconstructed] The authors learn per-layer scales with
     * GradInit (code: VITA-Group/ToST, LRsI/); this is the closed form the learned scales start from.
     */
    public static double[] rescaleFactors(java.util.List<float[]> masks) {
        double[] out = new double[masks.size()];
        for (int l = 0; l < out.length; l++) {
            float[] m = masks.get(l);
            long kept = 0;
            for (float v : m) {
                if (v != 0f) {
                    kept++;
                }
            }
            double density = m.length == 0 ? 1 : (double) kept / m.length;
            out[l] = density > 0 && density < 1 ? 1 / Math.sqrt(density) : 1;
        }
        return out;
    }
}
