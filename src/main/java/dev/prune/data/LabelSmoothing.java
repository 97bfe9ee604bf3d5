package dev.prune.data;

/**
 * Label smoothing of the training targets, as ToST trains with it (Jaiswal et al., ICML 2022; the
 * authors' {@code loss_label_smoothing} in VITA-Group/ToST, label-smoothening/train_ticket.py): the
 * true class gets 1 − α and each of the C − 1 others α / (C − 1), and the loss is the cross-entropy
 * against those targets, −Σ_c y_c log p_c. (Szegedy et al.'s original spreads α over all C classes,
 * the true one included: 1 − α + α/C and α/C.) Validation and test keep their one-hot labels.
 */
public final class LabelSmoothing {
    private LabelSmoothing() {}

    /** The smoothed target of one example of class {@code label} among {@code classes}. */
    public static float[] targets(int label, int classes, double alpha) {
        check(alpha, classes);
        float[] y = new float[classes];
        float other = classes > 1 ? (float) (alpha / (classes - 1)) : 0f;
        java.util.Arrays.fill(y, other);
        y[label] = (float) (1 - alpha);
        return y;
    }

    /** The smoothed cross-entropy of one example's predicted probabilities. */
    public static double loss(double[] probabilities, int label, double alpha) {
        float[] y = targets(label, probabilities.length, alpha);
        double sum = 0;
        for (int c = 0; c < y.length; c++) {
            if (y[c] != 0) {
                sum -= y[c] * Math.log(probabilities[c]);
            }
        }
        return sum;
    }

    /** α must leave the true class the largest target: 0 ≤ α < (C − 1)/C. */
    static void check(double alpha, int classes) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("label smoothing must be in 0..1 (exclusive), got " + alpha);
        }
    }
}
