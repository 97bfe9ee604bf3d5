package dev.prune.data;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Train / validation / test parts of one dataset plus a fingerprint of the source, so a run
 * manifest can tell whether two runs saw the same data. Validation may be empty (count 0).
 * {@code augmentation} is for the engine to apply to each training batch; {@code preparation}
 * records what {@link Preparation} did (label noise, normalisation statistics, augmentation) for the manifest;
 * {@code labelSmoothing} is α of the training targets ({@link LabelSmoothing}), 0 for one-hot.
 */
public record DataSplit(Dataset train, Dataset validation, Dataset test, String fingerprint,
                        Optional<Augmentation> augmentation, Map<String, Object> preparation,
                        double labelSmoothing) {

    /** A split as read, with nothing prepared. */
    public DataSplit(Dataset train, Dataset validation, Dataset test, String fingerprint) {
        this(train, validation, test, fingerprint, Optional.empty(), Map.of(), 0);
    }

    /** A prepared split whose training targets are one-hot. */
    public DataSplit(Dataset train, Dataset validation, Dataset test, String fingerprint,
                     Optional<Augmentation> augmentation, Map<String, Object> preparation) {
        this(train, validation, test, fingerprint, augmentation, preparation, 0);
    }

    public DataSplit {
        Objects.requireNonNull(augmentation, "augmentation");
        preparation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preparation));
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (train.inputSize() != test.inputSize() || train.inputSize() != validation.inputSize()
                || train.classes() != test.classes() || train.classes() != validation.classes()) {
            throw new IllegalArgumentException("train, validation and test differ in shape: "
                    + train + ", " + validation + ", " + test);
        }
    }

    /** One line for logs, e.g. {@code shapes: train 5000, validation 1000, test 1000, 1x28x28, 10 classes}. */
    public String describe() {
        return train.name() + ": train " + train.count() + ", validation " + validation.count()
                + ", test " + test.count() + ", " + train.channels() + "x" + train.height() + "x"
                + train.width() + ", " + train.classes() + " classes";
    }
}
