package dev.prune.pruning;

import java.util.ArrayList;
import java.util.List;

/**
 * Sup-tickets (Yin et al., UAI 2022, "Superposing Many Tickets into One: A Performance Booster for
 * Sparse Neural Network Training"): a RigL run whose last phase is {@code cycles} cycles of
 * {@code cycle} each, the learning rate restarting a cosine in each (the recipe's schedule does
 * that: {@code retrain 1 epoch lr cosine(...)} and {@code run 4 cycles}); the network at the end of
 * every cycle is kept, and at the end of the last one the kept networks are averaged, every
 * parameter (biases and batch norm too), re-sparsified to each layer's sparsity by magnitude
 * (their masks differ, so the average is denser), and batch norm statistics are recomputed on a
 * pass over the training data.
 *
 * <p>[reconstructed] RigL's updates go on through the cycles, their drop fraction decaying to 0
 * at {@code until}, where the last cycle ends; each layer keeps the weight count its RigL mask had.
 *
 * @param rigl        the dynamic sparse training the cycles run in
 * @param cycles      the cycle count C
 * @param cycle       the length of a cycle, in epochs when {@code epochs}, else iterations
 * @param epochs      whether {@code cycle} counts epochs
 */
public record SupTickets(RigL rigl, int cycles, double cycle, boolean epochs) implements Dynamic {

    public SupTickets {
        if (cycles < 1 || cycle <= 0) {
            throw new IllegalArgumentException("sup_tickets needs at least one cycle of positive length");
        }
    }

    @Override
    public boolean erk() {
        return rigl.erk();
    }

    /** The clock readings at which the cycles end, the last at {@code until}: until - (C - 1) L, ..., until. */
    public static List<Long> cycleEnds(long until, long cycleIterations, int cycles) {
        List<Long> out = new ArrayList<>();
        for (int k = cycles - 1; k >= 0; k--) {
            out.add(until - k * cycleIterations);
        }
        return out;
    }

    /** The mean of equally long arrays, element by element. */
    public static float[] mean(List<float[]> arrays) {
        float[] out = new float[arrays.get(0).length];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (float[] a : arrays) {
                s += a[i];
            }
            out[i] = (float) (s / arrays.size());
        }
        return out;
    }

    /**
     * A layer's mask after superposing: its {@code keep} averaged weights of largest magnitude.
     * Weights outside every cycle's mask average to zero, so they are kept only when the union is
     * smaller than {@code keep}.
     */
    public static float[] resparsify(float[] averaged, int keep) {
        return MagnitudeMask.keep(averaged, keep);
    }

    @Override
    public String cutShort() {
        return "its cycle ends are never averaged";
    }

    @Override
    public String plan(String every, String until) {
        return "RigL moves connections every " + every + " until " + until + "; the last " + cycles
                + " cycle ends are averaged there and re-sparsified by magnitude";
    }
}
