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
    STOPPING("stopping rule");

    private final String words;

    Kind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The words for several: "pruning criteria", "models". */
    public String plural() {
        return words.endsWith("criterion") ? words.replace("criterion", "criteria") : words + "s";
    }
}
