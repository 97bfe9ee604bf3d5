package dev.prune.pruning;

/** Inputs a criterion reads beyond the weights and masks; see {@link Probe}. */
public enum Need {
    /** Loss gradients on training examples (SNIP, GraSP, Taylor). */
    GRADIENTS("gradients of the loss on training examples"),
    /** Post-activation outputs on training examples (DropNet, APoZ). */
    ACTIVATIONS("activations on training examples"),
    /** The weights before the last training, to compare with the weights after it (change, movement, AP). */
    HISTORY("the weights before and after the last training"),
    /** Statistics of the gradient of every training iteration, so pruning inside training only (PLATON). */
    TRAINING("the gradients of every training iteration");

    private final String words;

    Need(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean data() {
        return this != HISTORY;
    }
}
