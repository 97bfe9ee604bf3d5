package dev.prune.builtins;

/** What a builtin is; each statement accepts one kind (model takes MODEL, lr takes SCHEDULE...). */
public enum Kind {
    MODEL("model"), DATASET("dataset"),
    /** How training batches are varied: {@code augment(crop=4, flip=true)}, a dataset's {@code augment=} option. */
    AUGMENTATION("augmentation"),
    OPTIMIZER("optimizer"), CRITERION("pruning criterion"),
    SCHEDULE("learning-rate schedule"), METRIC("metric"),
    /** Sparse training that moves weights in and out during training (RigL), in the criterion's place of a prune statement. */
    DYNAMIC("dynamic sparse training method"),
    /** When a training may end before its full length: {@code train up to 20 epochs stop early}. */
    STOPPING("stopping rule"),
    /** How much one pruning step removes, decided from the weights: {@code prune l1 by sap every cycle}. */
    AMOUNT("pruning amount"),
    /** A term added to the training loss while in force: {@code penalty bn_l1(lambda=1e-4)}. */
    PENALTY("training penalty");

    private final String words;

    Kind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The words for several: "pruning criteria", "models". */
    public String plural() {
        if (words.endsWith("criterion")) {
            return words.replace("criterion", "criteria");
        }
        return words.endsWith("y") ? words.substring(0, words.length() - 1) + "ies" : words + "s";
    }
}
