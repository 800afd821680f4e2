package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Van der Merwe's scaled sigma points (Van der Merwe 2004, PhD thesis; FilterPy
 * {@code MerweScaledSigmaPoints}; FORMAT.md "ukf"):
 * <pre>
 * λ = α²(n + κ) − n
 * χ₀ = x,  χᵢ = x + [L]ᵢ,  χₙ₊ᵢ = x − [L]ᵢ   (i = 1..n, [L]ᵢ the i-th column of the lower
 *                                            Cholesky factor of (n + λ)·P)
 * Wm₀ = λ/(n + λ),  Wc₀ = Wm₀ + 1 − α² + β,  Wmᵢ = Wcᵢ = 1/(2(n + λ))
 * </pre>
 */
public final class MerweScaledSigmaPoints {

    private final int n;
    private final double alpha;
    private final double beta;
    private final double kappa;
    private final double lambda;
    private final double[] Wm;
    private final double[] Wc;
    private final CholeskySolver cholesky = new CholeskySolver();
    private final DMatrixRMaj scaledP;
    private final DMatrixRMaj L;

    public MerweScaledSigmaPoints(int n, double alpha, double beta, double kappa) {
        if (n < 1 || !(alpha > 0) || !Double.isFinite(beta) || !Double.isFinite(kappa)) {
            throw new IllegalArgumentException("sigma points need n >= 1 and alpha > 0, got n=" + n + " alpha=" + alpha);
        }
        this.n = n;
        this.alpha = alpha;
        this.beta = beta;
        this.kappa = kappa;
        this.lambda = alpha * alpha * (n + kappa) - n;
        if (!(n + lambda > 0)) {
            throw new IllegalArgumentException("n + λ must be positive, got " + (n + lambda) + " for alpha=" + alpha + " kappa=" + kappa);
        }
        this.Wm = new double[2 * n + 1];
        this.Wc = new double[2 * n + 1];
        double w = 1.0 / (2 * (n + lambda));
        Arrays.fill(Wm, w);
        Arrays.fill(Wc, w);
        Wm[0] = lambda / (n + lambda);
        Wc[0] = Wm[0] + 1 - alpha * alpha + beta;
        this.scaledP = new DMatrixRMaj(n, n);
        this.L = new DMatrixRMaj(n, n);
    }

    public int count() {
        return 2 * n + 1;
    }

    public double lambda() {
        return lambda;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public double kappa() {
        return kappa;
    }

    /** The mean weights Wm (do not modify). */
    public double[] meanWeights() {
        return Wm;
    }

    /** The covariance weights Wc (do not modify). */
    public double[] covarianceWeights() {
        return Wc;
    }

    /**
     * Fills {@code sigmas} (reshaped to n×(2n+1), column i = χᵢ).
     *
     * @return false when (n + λ)·P has no Cholesky factor (P not positive definite or not finite)
     */
    public boolean generate(DMatrixRMaj x, DMatrixRMaj P, DMatrixRMaj sigmas) {
        int cols = 2 * n + 1;
        double c = n + lambda;
        for (int i = 0; i < n * n; i++) {
            scaledP.data[i] = c * P.data[i];
        }
        if (!cholesky.decompose(scaledP)) {
            return false;
        }
        cholesky.lowerFactor(L);
        sigmas.reshape(n, cols);
        for (int r = 0; r < n; r++) {
            double xr = x.data[r];
            sigmas.data[r * cols] = xr;
            for (int k = 0; k < n; k++) {
                double l = L.data[r * n + k];
                sigmas.data[r * cols + 1 + k] = xr + l;
                sigmas.data[r * cols + 1 + n + k] = xr - l;
            }
        }
        return true;
    }
}
