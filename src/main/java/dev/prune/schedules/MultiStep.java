package dev.prune.schedules;

import java.util.List;

/**
 * {@code lr} multiplied by {@code gamma} at each of the given epochs of the phase (PyTorch's
 * MultiStepLR). Epochs may be fractional; a milestone takes effect from the first iteration at or
 * after it, so {@code at=[80]} with 100 iterations per epoch lowers the rate from iteration 8000.
 */
public record MultiStep(double lr, double gamma, List<Double> atEpochs) implements LrSchedule {

    public MultiStep {
        atEpochs = List.copyOf(atEpochs);
    }

    @Override
    public double at(LrContext context) {
        int passed = 0;
        for (double epoch : atEpochs) {
            if (context.iteration() >= Math.round(epoch * context.iterationsPerEpoch())) {
                passed++;
            }
        }
        return lr * Math.pow(gamma, passed);
    }
}
