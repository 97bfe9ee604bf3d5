package dev.prune.engine;

/**
 * A penalty added to the training loss while it is in force, or (LRPET) the constraint that the
 * weight matrices have rank r, kept by projecting onto it every {@code projection.every()}
 * iterations: projected SGD is proximal SGD on the indicator of that set, a penalty of 0 or
 * infinity. A recipe sets one term at a time ({@code penalty bn_l1(...)}, {@code low_rank(...)},
 * {@code scl(...)} or {@code spectral(...)}).
 *
 * @param normL1 λ of network slimming's λ Σ|γ| over the batch norms right after weight layers
 *     ({@link Norms#after}): each step adds λ·sign(γ) to γ's gradient of the mean mini-batch loss
 *     before the optimizer, as the authors' {@code updateBN()} does, so it acts the same under
 *     every optimizer; 0 for none
 * @param projection LRPET's low-rank projection, or null
 * @param connections sparse connectivity learning's mask variables and its penalty on the number
 *     of connections, or null
 * @param spectral the penalty on the Hessian's spectral radius, or null
 */
public record Penalty(double normL1, Projection projection, Connections connections, Spectral spectral) {

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

    public Penalty {
        if (!(normL1 >= 0) || Double.isInfinite(normL1)) {
            throw new IllegalArgumentException("the L1 penalty on batch norm scales must be a finite number >= 0, got "
                    + normL1);
        }
    }

    /** Network slimming's L1 on batch norm scales alone. */
    public Penalty(double normL1) {
        this(normL1, null, null, null);
    }

    /** The L1 on batch norm scales and a low-rank projection. */
    public Penalty(double normL1, Projection projection) {
        this(normL1, projection, null, null);
    }

    public static Penalty connections(Connections c) {
        return new Penalty(0, null, c, null);
    }

    public static Penalty spectral(Spectral s) {
        return new Penalty(0, null, null, s);
    }

    /** True when nothing is added to the gradient or the step (a projection may still be in force). */
    public boolean none() {
        return normL1 == 0 && connections == null && spectral == null;
    }

    /** True when training under this penalty decides the masks itself (SCL). */
    public boolean learnsMasks() {
        return connections != null;
    }
}
