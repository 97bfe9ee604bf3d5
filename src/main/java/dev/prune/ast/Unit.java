package dev.prune.ast;

/** The unit written after a number. Units are checked: {@code by 3 epochs} is an error, not a 3. */
public enum Unit {
    NONE(""), PERCENT("%"), EPOCHS("epochs"), ITERATIONS("iterations"), CYCLES("cycles");

    private final String text;

    Unit(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Singular and plural are one unit: {@code 1 epoch} and {@code 3 epochs}. */
    public static Unit fromText(String word) {
        switch (word) {
            case "%": return PERCENT;
            case "epoch": case "epochs": return EPOCHS;
            case "iteration": case "iterations": return ITERATIONS;
            case "cycle": case "cycles": return CYCLES;
            default: return NONE;
        }
    }
}
