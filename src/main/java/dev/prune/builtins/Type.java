package dev.prune.builtins;

/** Parameter types; the unit a value may carry follows from the type. */
public enum Type {
    /** Any real number, no unit. */
    NUMBER("number"),
    /** A whole number, no unit. */
    INT("whole number"),
    /** A share: {@code 20%} or {@code 0.2}. */
    FRACTION("percentage"),
    /** A length of training: {@code 3 epochs} or {@code 500 iterations}. */
    DURATION("duration in epochs or iterations"),
    /** A number of cycles: {@code 4 cycles} or a bare count. */
    CYCLES("number of cycles"),
    STRING("string"),
    BOOL("true or false"),
    /** A list of numbers. */
    NUMBERS("list of numbers"),
    /** Another builtin of kind criterion, bare or called. */
    CRITERION("pruning criterion"),
    /** Another builtin of kind schedule, or a number for a constant rate. */
    SCHEDULE("learning-rate schedule"),
    /** A builtin of kind augmentation, or {@code true} for its defaults and {@code false} for none. */
    AUGMENTATION("choice of augmentation: true, false or augment(...)");

    private final String words;

    Type(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
