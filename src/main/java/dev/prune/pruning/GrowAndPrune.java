package dev.prune.pruning;

/**
 * GaP, scheduled grow-and-prune (Ma et al., ICLR 2022, "Effective Model Sparsification by
 * Scheduled Grow-and-Prune Methods"), its cyclic form C-GaP: the selected layers are split into
 * {@code groups} partitions; the network starts sparse at the target (random masks, or the
 * largest initial weights), with no dense pre-training. At each step one partition is grown
 * dense while the others stay sparse; at the next step it is pruned back to its layers' target
 * sparsity by magnitude and the next partition grows, cyclically. The last step prunes the grown
 * partition and training goes on at the target (the paper's final prune and fine-tuning).
 *
 * <p>[reconstructed] The partitions are runs of consecutive layers of near-equal layer count, in
 * layer order; grown weights start at zero with no optimizer state, as in the authors' code,
 * where the mask is lifted and the pruned weights, zero, train from there.
 *
 * @param groups    the partition count κ
 * @param magnitude start from the largest initial weights of each layer rather than a random mask
 * @param erk       layer sparsities by Erdős–Rényi-kernel, else the same in every layer (the paper's uniform)
 */
public record GrowAndPrune(int groups, boolean magnitude, boolean erk) implements Dynamic {

    public GrowAndPrune {
        if (groups < 1) {
            throw new IllegalArgumentException("gap needs at least 1 group, got " + groups);
        }
    }

    /**
     * The partition of each of {@code layers} selected layers, in order: layer i is in partition
     * floor(i * groups / layers), so partitions are consecutive and differ in size by at most one.
     */
    public static int[] partition(int layers, int groups) {
        if (groups < 1 || groups > layers) {
            throw new IllegalArgumentException("cannot split " + layers + " layers into " + groups + " groups");
        }
        int[] out = new int[layers];
        for (int i = 0; i < layers; i++) {
            out[i] = (int) ((long) i * groups / layers);
        }
        return out;
    }

    /** The partition grown at the {@code k}-th growth (0 first): they take turns. */
    public int grownAt(long k) {
        return (int) (k % groups);
    }

    @Override
    public String cutShort() {
        return "it stops partway through growing and pruning its layer groups";
    }

    @Override
    public String plan(String every, String until) {
        return "GaP grows one of " + groups + " layer groups dense every " + every + " and prunes it back by "
                + "magnitude until " + until + " of its clock; at the target after that";
    }
}
