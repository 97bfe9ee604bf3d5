package dev.prune.pruning;

/**
 * The mask that keeps a layer's weights of largest magnitude: how GaP prunes a grown group back
 * and how Sup-tickets re-sparsifies the averaged network. Ties are broken by position (the
 * first kept), so masks are the same on every run.
 */
public final class MagnitudeMask {
    private MagnitudeMask() {}

    /** A mask with ones at the {@code keep} weights of largest |w|; all ones when keep covers the layer. */
    public static float[] keep(float[] weights, int keep) {
        int n = weights.length;
        boolean[] all = new boolean[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            all[i] = true;
            scores[i] = -Math.abs(weights[i]);
        }
        boolean[] kept = RigL.lowest(scores, all, Math.max(0, Math.min(keep, n)));
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = kept[i] ? 1f : 0f;
        }
        return mask;
    }

    /** How many of {@code n} weights a layer keeps at {@code sparsity}: n - floor(sparsity * n), as RigL's masks. */
    public static int kept(int n, double sparsity) {
        return n - (int) Erk.zeros(n, sparsity);
    }
}
