package dev.prune.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a recipe asks to be done to a dataset after reading it: symmetric label noise on the training
 * split, per-channel normalisation from the training split, and augmentation of training batches.
 * {@link #apply} does the first two to the data and hands the third to the engine inside the
 * {@link DataSplit}, as it does label smoothing of the training targets ({@link LabelSmoothing});
 * validation and test keep their labels and are only normalised.
 */
public record Preparation(double noise, boolean normalize, int crop, boolean flip, double smoothing) {
    /** Nothing: the data as read. */
    public static final Preparation NONE = new Preparation(0, false, 0, false, 0);

    public Preparation {
        if (noise < 0 || noise > 1 || crop < 0) {
            throw new IllegalArgumentException("noise must be in 0..1 and crop >= 0, got " + noise + ", " + crop);
        }
        LabelSmoothing.check(smoothing, 2);
    }

    /** Without label smoothing. */
    public Preparation(double noise, boolean normalize, int crop, boolean flip) {
        this(noise, normalize, crop, flip, 0);
    }

    /** The prepared split; the fingerprint gains what was done, so replays notice a change. */
    public DataSplit apply(DataSplit raw, long seed) {
        if (equals(NONE)) {
            return raw;
        }
        Dataset train = LabelNoise.apply(raw.train(), noise, seed);
        int flipped = LabelNoise.count(noise, raw.train().count());
        Dataset validation = raw.validation();
        Dataset test = raw.test();
        Optional<Normalization> norm = Optional.empty();
        if (normalize) {
            Normalization n = Normalization.of(train);
            norm = Optional.of(n);
            train = n.apply(train);
            validation = n.apply(validation);
            test = n.apply(test);
        }
        float[] fill = norm.map(Normalization::black).orElse(new float[train.channels()]);
        Optional<Augmentation> augmentation = crop == 0 && !flip ? Optional.empty()
                : Optional.of(new Augmentation(crop, flip, fill));
        List<String> parts = new ArrayList<>();
        if (noise > 0) {
            parts.add("noise=" + noise);
        }
        if (normalize) {
            parts.add("normalize");
        }
        augmentation.ifPresent(a -> parts.add("crop=" + crop + ",flip=" + flip));
        if (smoothing > 0) {
            parts.add("label_smoothing=" + smoothing);
        }
        String fingerprint = raw.fingerprint() + ":" + String.join(":", parts);
        Map<String, Object> record = new LinkedHashMap<>();
        if (noise > 0) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("rate", noise);
            n.put("flipped", flipped);
            n.put("of", raw.train().count());
            record.put("label_noise", n);
        }
        norm.ifPresent(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", n.mean());
            m.put("std", n.std());
            record.put("normalize", m);
        });
        augmentation.ifPresent(a -> record.put("augment", a.record()));
        if (smoothing > 0) {
            record.put("label_smoothing", smoothing);
        }
        return new DataSplit(train, validation, test, fingerprint, augmentation, record, smoothing);
    }
}
