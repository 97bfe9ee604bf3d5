package dev.prune.data;

import java.util.Arrays;

/**
 * Per-channel standardisation {@code (x - mean[c]) / std[c]} with the mean and (population) standard
 * deviation of each channel over every pixel of the training split, so validation and test are
 * scaled by numbers that never saw them.
 */
public record Normalization(double[] mean, double[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException(mean.length + " means for " + std.length + " deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The statistics of each channel of {@code train}; a constant channel gets std 1 so it maps to 0. */
    public static Normalization of(Dataset train) {
        int c = train.channels();
        int plane = train.height() * train.width();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        float[] f = train.features();
        for (int i = 0; i < train.count(); i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                double s = 0;
                double q = 0;
                for (int p = 0; p < plane; p++) {
                    double v = f[base + p];
                    s += v;
                    q += v * v;
                }
                sum[ch] += s;
                sumSq[ch] += q;
            }
        }
        double n = (double) train.count() * plane;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = n == 0 ? 0 : sum[ch] / n;
            double var = n == 0 ? 0 : Math.max(0, sumSq[ch] / n - mean[ch] * mean[ch]);
            std[ch] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new Normalization(mean, std);
    }

    /** A standardised copy of {@code data}. */
    public Dataset apply(Dataset data) {
        if (data.channels() != mean.length) {
            throw new IllegalArgumentException(data + " has " + data.channels() + " channels, not " + mean.length);
        }
        int plane = data.height() * data.width();
        float[] in = data.features();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int ch = (i / plane) % mean.length;
            out[i] = (float) ((in[i] - mean[ch]) / std[ch]);
        }
        return new Dataset(data.name(), out, data.labels(), data.count(), data.channels(), data.height(),
                data.width(), data.classes());
    }

    /** What a black pixel (0) becomes in each channel: the value zero padding must use after standardising. */
    public float[] black() {
        float[] b = new float[mean.length];
        for (int ch = 0; ch < b.length; ch++) {
            b[ch] = (float) (-mean[ch] / std[ch]);
        }
        return b;
    }

    // Records compare arrays by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
