package io.bayesfuse.testsupport;

import java.util.Random;

/**
 * Seeded truth and noisy measurements of a linear-Gaussian model, for Monte Carlo tests:
 * x_k = F·x_{k−1} + w, w ~ N(0, Q); z = H·x + v, v ~ N(0, R). A draw from N(m, P) is m + L·e with
 * L·Lᵀ = P (a Cholesky factor that leaves a zero column for a zero pivot, so rank-deficient Q such
 * as the discrete white noise are allowed) and e standard normal, drawn in order.
 */
public final class LinearGaussianSimulation {

    /** Pivots below this fraction of the largest diagonal entry count as zero. */
    private static final double RELATIVE_ZERO = 1e-12;

    private final GaussianSource random;

    public LinearGaussianSimulation(GaussianSource random) {
        this.random = random;
    }

    /** Draws from {@code java.util.Random} with this seed. */
    public static LinearGaussianSimulation seeded(long seed) {
        return new LinearGaussianSimulation(new Random(seed)::nextGaussian);
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    /** A draw from N(mean, covariance). */
    public double[] draw(double[] mean, double[][] covariance) {
        int n = mean.length;
        double[][] L = lowerFactor(covariance);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = random.nextGaussian();
        }
        double[] x = mean.clone();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                x[i] += L[i][k] * e[k];
            }
        }
        return x;
    }

    /** A draw from N(mean, diag(variances)). */
    public double[] drawIndependent(double[] mean, double[] variances) {
        double[] x = new double[mean.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = mean[i] + Math.sqrt(variances[i]) * random.nextGaussian();
        }
        return x;
    }

    /** The next state F·x + w, w ~ N(0, Q). */
    public double[] step(double[][] F, double[][] Q, double[] x) {
        return draw(PlainMatrix.multiply(F, x), Q);
    }

    /** z = H·x + v, v ~ N(0, R). */
    public double[] measure(double[][] H, double[] x, double[][] R) {
        double[] z = PlainMatrix.multiply(H, x);
        double[] v = draw(new double[H.length], R);
        for (int i = 0; i < z.length; i++) {
            z[i] += v[i];
        }
        return z;
    }

    /** L with L·Lᵀ = P for a symmetric positive semi-definite P, column by column (Cholesky–Crout). */
    private static double[][] lowerFactor(double[][] P) {
        int n = P.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(P[i][i]));
        }
        double zero = RELATIVE_ZERO * scale;
        double[][] L = new double[n][n];
        for (int j = 0; j < n; j++) {
            double pivot = P[j][j];
            for (int k = 0; k < j; k++) {
                pivot -= L[j][k] * L[j][k];
            }
            if (!Double.isFinite(pivot) || pivot < -Math.max(zero, 1e-300)) {
                throw new IllegalArgumentException("not a covariance: pivot " + j + " is " + pivot);
            }
            if (pivot > zero) {
                L[j][j] = Math.sqrt(pivot);
                for (int i = j + 1; i < n; i++) {
                    double s = P[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= L[i][k] * L[j][k];
                    }
                    L[i][j] = s / L[j][j];
                }
            }
        }
        return L;
    }
}
