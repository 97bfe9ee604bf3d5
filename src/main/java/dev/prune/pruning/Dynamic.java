package dev.prune.pruning;

/**
 * Sparse training that moves weights in and out while the network trains, written in the
 * criterion's place of a prune policy inside training ({@code prune rigl to 90% every 100
 * iterations until 6 epochs}): RigL, GaP, Sup-tickets. Each starts the selected layers at the
 * target sparsity when the policy is set.
 */
public interface Dynamic {

    /** Layer sparsities by Erdős–Rényi-kernel ({@link Erk}), else the same in every selected layer. */
    boolean erk();

    /** One line for {@code prune plan}: what the method does during a phase. */
    String plan(String every, String until);

    /** What is left undone when the trainings stop before the policy's {@code until}, for {@code prune check}. */
    default String cutShort() {
        return "it moves connections for only part of its schedule";
    }
}
