package dev.prune.engine;

/**
 * A penalty added to the training loss while it is in force, or (LRPET) the constraint that the
 * weight matrices have rank r, kept by projecting onto it every {@code projection.every()}
 * iterations: projected SGD is proximal SGD on the indicator of that set, a penalty of 0 or infinity. {@code normL1} is λ of network
 * slimming's λ Σ|γ| over the batch norms right after weight layers ({@link Norms#after}): each
 * step adds λ·sign(γ) to γ's gradient of the mean mini-batch loss before the optimizer, as the
 * authors' {@code updateBN()} does, so it acts the same under every optimizer.
 */
public record Penalty(double normL1, Projection projection) {

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

    public Penalty(double normL1) {
        this(normL1, null);
    }

    public Penalty {
        if (!(normL1 >= 0) || Double.isInfinite(normL1)) {
            throw new IllegalArgumentException("the L1 penalty on batch norm scales must be a finite number >= 0, got "
                    + normL1);
        }
    }

    /** True when nothing is added to the gradient (a projection may still be in force). */
    public boolean none() {
        return normL1 == 0;
    }
}
