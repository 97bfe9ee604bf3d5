package dev.prune.schedules;

/**
 * ICE-Pick's pruning-aware fine-tuning rate (gicLAB/ICE-Pruning): a rate that falls as the
 * network gets sparser, lr(a) = base - delta / (1 + (a / (2(1 - pivot) - a))^k), a = density. It is
 * base - delta/2 at a = 1 - pivot, near base above and near base - delta below, the step sharper as
 * k grows. It goes down with density, the opposite of S-Cyc and SILO, because ICE-Pick fine-tunes
 * an already trained network.
 *
 * <p>The ratio a / (2(1 - pivot) - a) grows without bound as a nears 2(1 - pivot); past that point
 * (only reachable when pivot >= 1/2) the formula would raise a negative number to a real power, so
 * the rate stays at its limit there, base.
 */
public record IcePick(double base, double delta, double pivot, double k) implements LrSchedule {
    @Override
    public double at(LrContext context) {
        return rate(context.density());
    }

    public double rate(double density) {
        double room = 2 * (1 - pivot) - density;
        if (room <= 0) {
            return base;
        }
        return base - delta / (1 + Math.pow(density / room, k));
    }
}
