package dev.prune.pruning;

import dev.prune.engine.LayerKind;
import dev.prune.engine.LayerSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Layer sparsities for sparse training from scratch, and the random masks that start it (RigL;
 * Evci et al. 2020, code: google-research/rigl, sparse_utils.py). Erdős–Rényi-kernel gives a layer
 * a density proportional to sum(shape) / prod(shape) of its weight tensor, so small layers stay
 * denser; the factor is chosen so that the selected layers together keep as many weights as a
 * uniform sparsity would. A layer whose density would exceed 1 is made dense and the factor is
 * found again for the rest, as the authors' code does.
 */
public final class Erk {
    private Erk() {}

    /** Dimensions of the weight tensor: [nIn, nOut] for dense layers, [k, k, nIn, nOut] for conv. */
    static long[] shape(LayerSpec l) {
        return l.kind() == LayerKind.CONV ? new long[] {l.kernel(), l.kernel(), l.nIn(), l.nOut()}
                : new long[] {l.nIn(), l.nOut()};
    }

    /** Zeros a layer of {@code n} weights gets at sparsity {@code s}: floor(s * n), as in the code. */
    static long zeros(long n, double s) {
        return (long) Math.floor(s * n + 1e-9);
    }

    /**
     * Sparsity of each layer: {@code sparsity} spread by Erdős–Rényi-kernel over the selected
     * layers when {@code erk}, else the same for each; 0 for the layers not selected.
     */
    public static double[] sparsities(List<LayerSpec> layers, boolean[] selected, double sparsity, boolean erk) {
        double[] out = new double[layers.size()];
        if (!erk) {
            for (int l = 0; l < out.length; l++) {
                out[l] = selected[l] ? sparsity : 0;
            }
            return out;
        }
        boolean[] dense = new boolean[layers.size()];
        double factor;
        double[] raw = new double[layers.size()];
        while (true) {
            double kept = 0;
            double divisor = 0;
            for (int l = 0; l < layers.size(); l++) {
                if (!selected[l]) {
                    continue;
                }
                long n = layers.get(l).weightCount();
                long z = zeros(n, sparsity);
                if (dense[l]) {
                    kept -= z;
                } else {
                    long[] shape = shape(layers.get(l));
                    double sum = 0;
                    double prod = 1;
                    for (long d : shape) {
                        sum += d;
                        prod *= d;
                    }
                    raw[l] = sum / prod;
                    kept += n - z;
                    divisor += raw[l] * n;
                }
            }
            factor = divisor == 0 ? 0 : kept / divisor;
            double max = 0;
            for (int l = 0; l < layers.size(); l++) {
                if (selected[l] && !dense[l]) {
                    max = Math.max(max, raw[l]);
                }
            }
            if (max * factor <= 1) {
                break;
            }
            for (int l = 0; l < layers.size(); l++) {
                if (selected[l] && !dense[l] && raw[l] == max) {
                    dense[l] = true;
                }
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            out[l] = !selected[l] || dense[l] ? 0 : 1 - factor * raw[l];
        }
        return out;
    }

    /** A mask of {@code n} weights with floor(sparsity * n) zeros at uniformly random places. */
    public static float[] randomMask(int n, double sparsity, SplittableRandom random) {
        float[] mask = Density.ones(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int z = (int) zeros(n, sparsity);
        // A partial Fisher-Yates shuffle: the first z places of the order are the pruned ones.
        for (int i = 0; i < z; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            mask[order[i]] = 0f;
        }
        return mask;
    }
}
