package dev.prune.schedules;

import java.util.List;

/**
 * SILO, S-shaped Improved Learning rate Optimization ("Optimizing Learning Rate Schedules for
 * Iterative Pruning of Deep Neural Networks"; code in Martin1937/SILO): in each phase a linear
 * warm-up to the cycle's maximum from the {@link SShape}, then the maximum times gamma at each of
 * the given epochs of the phase (VGG-19: warm-up over 10,000 iterations, /10 at epoch 80 and /100
 * at 120 of 160).
 *
 * <p>As in the code, iteration i of the warm-up runs at (i + 1)/W of the maximum (the code counts
 * iterations from 1), and a drop replaces the warm-up if it comes first. The code also cuts the
 * warm-up short at epoch 14, which with its 563 iterations per epoch falls before 10,000
 * iterations; that cut is tied to one data size and is left out.
 */
public record Silo(SShape shape, Length warmup, List<Double> dropEpochs, double gamma) implements LrSchedule {

    public Silo {
        dropEpochs = List.copyOf(dropEpochs);
    }

    @Override
    public double at(LrContext context) {
        double top = shape.maxLr(context.cycle());
        int passed = 0;
        for (double epoch : dropEpochs) {
            if (context.iteration() >= Math.round(epoch * context.iterationsPerEpoch())) {
                passed++;
            }
        }
        if (passed > 0) {
            return top * Math.pow(gamma, passed);
        }
        return top * Math.min(1.0, (context.iteration() + 1) / (double) warmup.in(context));
    }
}
