package io.bayesfuse.kernels.gaussian;

import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * An immutable multivariate normal N(x, P): mean x (n) and covariance P (n×n). The value type
 * that crosses module boundaries (estimates, posteriors); filters keep their own mutable,
 * preallocated working matrices on the per-record path and produce one of these on output.
 */
public final class Gaussian {

    private final double[] mean;
    private final double[][] covariance;

    private Gaussian(double[] mean, double[][] covariance) {
        this.mean = mean;
        this.covariance = covariance;
    }

    /**
     * A validated Gaussian: finite mean, covariance n×n, symmetric positive definite.
     *
     * @param subject names the owner in error messages, e.g. {@code source 'node-1'}
     */
    public static Gaussian of(String subject, double[] mean, double[][] covariance) {
        InputChecks.requireFinite(subject, "mean", mean);
        DMatrixRMaj P = Matrices.of(covariance);
        InputChecks.requireShape(subject, "covariance", P, mean.length, mean.length, "the mean");
        InputChecks.requireSymmetricPositiveDefinite(subject, "covariance", P);
        return new Gaussian(mean.clone(), deepCopy(covariance));
    }

    /** A Gaussian from trusted kernel output (no validation; copies the arrays). */
    public static Gaussian trusted(DMatrixRMaj x, DMatrixRMaj P) {
        return new Gaussian(Matrices.toArray(x), Matrices.toRows(P));
    }

    public int dimension() {
        return mean.length;
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the covariance. */
    public double[][] covariance() {
        return deepCopy(covariance);
    }

    public double mean(int i) {
        return mean[i];
    }

    public double covariance(int i, int j) {
        return covariance[i][j];
    }

    /** The mean as a new column vector. */
    public DMatrixRMaj meanVector() {
        return Matrices.column(mean);
    }

    /** The covariance as a new matrix. */
    public DMatrixRMaj covarianceMatrix() {
        return Matrices.of(covariance);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gaussian g && Arrays.equals(mean, g.mean) && Arrays.deepEquals(covariance, g.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(covariance);
    }

    @Override
    public String toString() {
        return "N(" + Arrays.toString(mean) + ", " + Arrays.deepToString(covariance) + ")";
    }
}
