package dev.prune.engine;

/**
 * What the {@code penalty} policy adds to every training while it is in force. A recipe sets one
 * term at a time ({@code penalty bn_l1(...)}, {@code lrpet(...)}, {@code scl(...)},
 * {@code spectral(...)} or {@code tost(...)}); the others are then zero or null.
 *
 * @param normL1 λ of network slimming's λ Σ|γ| over the batch norms right after weight layers
 *     ({@link Norms#after}): each step adds λ·sign(γ) to γ's gradient of the mean mini-batch loss
 *     before the optimizer, as the authors' {@code updateBN()} does, so it acts the same under
 *     every optimizer; 0 for none
 * @param projection LRPET's constraint that the weight matrices have rank r, kept by projecting
 *     onto it every {@code projection.every()} iterations: projected SGD is proximal SGD on the
 *     indicator of that set, a penalty of 0 or infinity; null for none
 * @param connections sparse connectivity learning's mask variables and its penalty on the number
 *     of connections, or null
 * @param spectral the penalty on the Hessian's spectral radius, or null
 * @param aids ToST's aids to training a sparse network, {@link Aids#NONE} for none
 */
public record Penalty(double normL1, Projection projection, Connections connections, Spectral spectral, Aids aids) {

    public static final Penalty NONE = new Penalty(0);

    /**
     * LRPET's projection: every {@code every} iterations of a training and after its last, the weight
     * matrix of each dense hidden layer and of each conv (its kernel [out, in, kh, kw] as the matrix
     * [out, in kh kw]) goes to rank {@link #rankOf}, with energy transfer when {@code transfer}; a
     * batch norm right after the layer is folded in before the decomposition.
     *
     * @param rank the rank of every projected layer when {@code share} is 0
     * @param share when above 0, each layer's rank is this share of its min(m, n), at least 1 (the
     *     authors' per-layer rank, one minus their {@code prun_goal}); {@code rank} is then unused
     */
    public record Projection(int rank, int every, boolean transfer, double share) {
        public Projection {
            if (rank < 1 || every < 1 || !(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a low-rank projection needs rank >= 1, every >= 1 and share in "
                        + "[0, 1], got rank=" + rank + ", every=" + every + ", share=" + share);
            }
        }

        public Projection(int rank, int every, boolean transfer) {
            this(rank, every, transfer, 0);
        }

        /**
         * The rank a layer whose matrix has rank at most {@code full} is projected to: floor(share
         * full), at least 1, under a share (the tiny tolerance keeps 0.2 x 10 at 2 in binary
         * arithmetic), else {@code rank}.
         */
        public int rankOf(int full) {
            return share > 0 ? Math.max(1, (int) Math.floor(share * full + 1e-9)) : rank;
        }
    }

    /**
     * SCL (Tang et al., 2022, "Automatic Sparse Connectivity Learning for Neural Networks"): every
     * weight w gets a mask variable v, the network computes with w·m where m = step(v) = [v > 0],
     * and the loss carries λ Σ m, the number of connections kept. The identity straight-through
     * estimator stands for ∂m/∂v, so ∂L/∂v = ∂L/∂(w m) · w; that gradient is normalised per
     * output feature and each step moves v by −lr (ĝ + λ), a plain SGD step of its own.
     *
     * @param lambda the price of one connection, against a normalised gradient of mean magnitude 1
     * @param lr the learning rate of the mask variables
     * @param init the value every kept connection's v starts at (a pruned one starts at −init)
     */
    public record Connections(double lambda, double lr, double init) {
        public Connections {
            if (!(lambda > 0) || !(lr > 0) || !(init > 0) || Double.isInfinite(lambda + lr + init)) {
                throw new IllegalArgumentException("scl's lambda, lr and init must be finite numbers > 0, got "
                        + lambda + ", " + lr + " and " + init);
            }
        }
    }

    /**
     * A penalty λ·ρ(H) on the spectral radius of the Hessian of the training loss with respect to
     * the weights, applied every {@code every} iterations as a step of its own: ρ and its top
     * eigenvector u by {@code iterations} rounds of power iteration on Hessian-vector products over
     * {@code examples} training examples, then the weights step by −lr·every·λ·∇ρ.
     */
    public record Spectral(double lambda, int every, int iterations, int examples) {
        public Spectral {
            if (!(lambda > 0) || Double.isInfinite(lambda) || every < 1 || iterations < 1 || examples < 1) {
                throw new IllegalArgumentException("spectral's lambda must be a finite number > 0 and every, "
                        + "iterations and examples at least 1");
            }
        }
    }

    /**
     * ToST's aids to training a sparse network (Jaiswal et al., ICML 2022): for the first
     * {@link Ghost#steps ghost share} of a training's iterations the pruned weights train too and
     * what they learn is scaled down linearly to zero by the end of that share ({@link Ghost});
     * {@code rescale} multiplies each layer's kept weights by 1/sqrt(density) when a training starts
     * from an initialisation ({@link #rescaleFactors}); {@code labelSmoothing} is α of the training
     * targets while in force (1 − α for the true class, α/(C − 1) for each other,
     * {@code dev.prune.data.LabelSmoothing}), 0 to keep the data's own.
     */
    public record Aids(double ghost, boolean rescale, double labelSmoothing) {
        public static final Aids NONE = new Aids(0, false, 0);

        public Aids {
            if (!(ghost >= 0 && ghost <= 1)) {
                throw new IllegalArgumentException("the ghost share of a training must be in 0..1, got " + ghost);
            }
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("label smoothing must be in 0..1 (exclusive), got " + labelSmoothing);
            }
        }
    }

    public Penalty {
        if (!(normL1 >= 0) || Double.isInfinite(normL1)) {
            throw new IllegalArgumentException("the L1 penalty on batch norm scales must be a finite number >= 0, got "
                    + normL1);
        }
        if (aids == null) {
            aids = Aids.NONE;
        }
    }

    /** Network slimming's L1 on batch norm scales alone. */
    public Penalty(double normL1) {
        this(normL1, null, null, null, Aids.NONE);
    }

    /** The L1 on batch norm scales and a low-rank projection. */
    public Penalty(double normL1, Projection projection) {
        this(normL1, projection, null, null, Aids.NONE);
    }

    /** ToST's aids (and an L1 penalty on batch norm scales). */
    public Penalty(double normL1, double ghost, boolean rescale, double labelSmoothing) {
        this(normL1, null, null, null, new Aids(ghost, rescale, labelSmoothing));
    }

    public static Penalty connections(Connections c) {
        return new Penalty(0, null, c, null, Aids.NONE);
    }

    public static Penalty spectral(Spectral s) {
        return new Penalty(0, null, null, s, Aids.NONE);
    }

    /** ToST's ghost share of each training (0 for none). */
    public double ghost() {
        return aids.ghost();
    }

    /** ToST's re-scaled initialisation. */
    public boolean rescale() {
        return aids.rescale();
    }

    /** ToST's label smoothing α (0 for none). */
    public double labelSmoothing() {
        return aids.labelSmoothing();
    }

    /** True when nothing is added to the gradient or the step (a projection or ToST's aids may still be in force). */
    public boolean none() {
        return normL1 == 0 && connections == null && spectral == null;
    }

    /** True when no ToST aid is in force. */
    public boolean noAid() {
        return aids.ghost() == 0 && !aids.rescale() && aids.labelSmoothing() == 0;
    }

    /** True when training under this penalty decides the masks itself (SCL). */
    public boolean learnsMasks() {
        return connections != null;
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
