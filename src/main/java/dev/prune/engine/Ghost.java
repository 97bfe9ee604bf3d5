package dev.prune.engine;

/**
 * ToST's ghost connections (Jaiswal et al., ICML 2022, "Training Your Sparse Neural Network Better
 * with Any Mask"), as Prune reconstructs them for any mask. [reconstructed] The paper's ghost
 * neurons and ghost skip connections are extra capacity that helps the sparse network early in
 * training and is gone by the time it matters; the authors' code adds them to ResNet blocks. Prune
 * gives that role to the pruned weights themselves, whatever the network: during the first G
 * iterations of a training the pruned weights train like the kept ones (from the zero they hold),
 * and after step k (k = 1..G) they are multiplied by (G − k) / (G − k + 1). What they learned
 * by step j therefore weighs λ(k)/λ(j) at step k with λ(k) = 1 − k/G: everything the ghost
 * connections hold fades linearly to exactly zero at step G, after which the mask holds them at
 * zero as usual. The kept weights are never scaled.
 */
public final class Ghost {
    private Ghost() {}

    /** G: the ghost iterations of a training of {@code iterations}, its share rounded, at least 1 when the share is positive. */
    public static int steps(double share, int iterations) {
        if (share <= 0 || iterations <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(iterations, Math.round(share * iterations)));
    }

    /** What the pruned weights are multiplied by after step k (1-based) of G; 0 from step G on. */
    public static double factor(int k, int g) {
        if (k >= g) {
            return 0;
        }
        return (double) (g - k) / (g - k + 1);
    }

    /** λ(k) = 1 − k/G: the weight after step k of what the ghost connections held at the start of their decay. */
    public static double weight(int k, int g) {
        return k >= g ? 0 : 1 - (double) k / g;
    }
}
