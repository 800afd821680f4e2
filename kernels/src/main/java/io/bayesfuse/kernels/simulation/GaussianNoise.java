package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

/**
 * Draws from N(0, R): e = L·u with R = L·Lᵀ (lower Cholesky factor) and u standard normal.
 */
public final class GaussianNoise {

    private final double[][] L;

    /**
     * @param subject names the owner of R in errors
     * @param R       the covariance, symmetric positive definite
     */
    public GaussianNoise(String subject, double[][] R) {
        CholeskySolver solver = new CholeskySolver();
        if (!solver.decompose(Matrices.of(R))) {
            throw new IllegalArgumentException(subject + ": R is not symmetric positive definite");
        }
        DMatrixRMaj lower = new DMatrixRMaj(R.length, R.length);
        solver.lowerFactor(lower);
        this.L = Matrices.toRows(lower);
    }

    public int dimension() {
        return L.length;
    }

    /** One draw. */
    public double[] sample(SplitMix64 random) {
        int m = L.length;
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            u[i] = random.nextGaussian();
        }
        double[] e = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += L[i][j] * u[j];
            }
            e[i] = s;
        }
        return e;
    }
}
