package dev.prune.engine;

/**
 * A penalty added to the training loss while it is in force. {@code normL1} is λ of network
 * slimming's λ Σ|γ| over the batch norms right after weight layers ({@link Norms#after}): each
 * step adds λ·sign(γ) to γ's gradient of the mean mini-batch loss before the optimizer, as the
 * authors' {@code updateBN()} does, so it acts the same under every optimizer.
 */
public record Penalty(double normL1) {

    public static final Penalty NONE = new Penalty(0);

    public Penalty {
        if (!(normL1 >= 0) || Double.isInfinite(normL1)) {
            throw new IllegalArgumentException("the L1 penalty on batch norm scales must be a finite number >= 0, got "
                    + normL1);
        }
    }

    public boolean none() {
        return normL1 == 0;
    }
}
