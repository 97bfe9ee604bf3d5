package dev.prune.dl4j;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A weight matrix rebuilt from its singular value decomposition with other singular values
 * (LRPET's low-rank projection), by LAPACK's gesvd in double precision. The matrix is decomposed
 * with its longer side as rows (LAPACK's gesvd on a column-major array), and transposed back.
 */
final class Spectra {
    private Spectra() {}

    /** The new flat weights (rows of {@code units} by {@code fanIn}) and the singular values before. */
    record Result(float[] weights, double[] sigma) {}

    static Result reshape(float[] flat, int units, int fanIn, UnaryOperator<double[]> f) {
        boolean tall = units >= fanIn;
        int m = tall ? units : fanIn;
        int n = tall ? fanIn : units;
        double[] a = new double[m * n];
        // Column-major m x n: element (i, j) at i + j * m.
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < fanIn; k++) {
                int i = tall ? u : k;
                int j = tall ? k : u;
                a[i + j * m] = flat[u * fanIn + k];
            }
        }
        try (INDArray matrix = Nd4j.create(a, new long[] {m, n}, 'f');
             INDArray s = Nd4j.create(DataType.DOUBLE, new long[] {n}, 'f');
             INDArray uu = Nd4j.create(DataType.DOUBLE, new long[] {m, m}, 'f');
             INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f')) {
            Nd4j.getBlasWrapper().lapack().gesvd(matrix, s, uu, vt);
            double[] sigma = s.toDoubleVector();
            double[] kept = f.apply(sigma.clone());
            double[] left = uu.dup('f').data().asDouble();
            double[] right = vt.dup('f').data().asDouble();
            float[] out = new float[flat.length];
            double[] row = new double[n];
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0);
                for (int k = 0; k < n; k++) {
                    double c = left[i + k * m] * kept[k];
                    if (c == 0) {
                        continue;
                    }
                    for (int j = 0; j < n; j++) {
                        row[j] += c * right[k + j * n];
                    }
                }
                for (int j = 0; j < n; j++) {
                    int u = tall ? i : j;
                    int k = tall ? j : i;
                    out[u * fanIn + k] = (float) row[j];
                }
            }
            return new Result(out, sigma);
        }
    }
}
