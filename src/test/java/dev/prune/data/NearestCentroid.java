package dev.prune.data;

/** The simplest classifier there is: a yardstick for how hard a dataset is, not a model. */
final class NearestCentroid {
    private final double[][] centroids;

    private NearestCentroid(double[][] centroids) {
        this.centroids = centroids;
    }

    static NearestCentroid fit(Dataset d) {
        int size = d.inputSize();
        double[][] c = new double[d.classes()][size];
        int[] n = d.classCounts();
        for (int i = 0; i < d.count(); i++) {
            double[] centroid = c[d.labels()[i]];
            for (int p = 0; p < size; p++) {
                centroid[p] += d.features()[i * size + p];
            }
        }
        for (int k = 0; k < c.length; k++) {
            for (int p = 0; p < size; p++) {
                c[k][p] /= Math.max(1, n[k]);
            }
        }
        return new NearestCentroid(c);
    }

    double accuracy(Dataset d) {
        int size = d.inputSize();
        int correct = 0;
        for (int i = 0; i < d.count(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < centroids.length; k++) {
                double distance = 0;
                for (int p = 0; p < size; p++) {
                    double e = d.features()[i * size + p] - centroids[k][p];
                    distance += e * e;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = k;
                }
            }
            if (best == d.labels()[i]) {
                correct++;
            }
        }
        return correct / (double) d.count();
    }
}
