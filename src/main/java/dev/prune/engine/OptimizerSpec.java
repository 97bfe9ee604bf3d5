package dev.prune.engine;

/**
 * The optimizer and its hyper-parameters. {@code momentum > 0} with SGD means Nesterov momentum:
 * it is the only momentum DL4J has, and recipes say so in their docs.
 */
public record OptimizerSpec(Kind kind, double momentum, double beta1, double beta2, double epsilon,
                            double weightDecay) {

    public enum Kind { SGD, ADAM }

    public static OptimizerSpec sgd(double momentum, double weightDecay) {
        return new OptimizerSpec(Kind.SGD, momentum, 0, 0, 0, weightDecay);
    }

    public static OptimizerSpec adam(double beta1, double beta2, double epsilon, double weightDecay) {
        return new OptimizerSpec(Kind.ADAM, 0, beta1, beta2, epsilon, weightDecay);
    }
}
