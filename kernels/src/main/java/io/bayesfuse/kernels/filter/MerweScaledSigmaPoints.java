package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
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

    private static final String SUBJECT = "sigma points";

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
        if (n < 1) {
            throw new IllegalArgumentException("sigma points need a state of n >= 1 components, got n=" + n);
        }
        requireAlpha(SUBJECT, alpha);
        requireBeta(SUBJECT, beta);
        requireKappa(SUBJECT, kappa);
        requireSpread(SUBJECT, n, kappa);
        this.n = n;
        this.alpha = alpha;
        this.beta = beta;
        this.kappa = kappa;
        this.lambda = alpha * alpha * (n + kappa) - n;
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

    /** The one check of α, shared with the configuration. @throws InvalidInputException unless finite and &gt; 0 */
    public static void requireAlpha(String subject, double alpha) {
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "alpha", "is " + alpha + ", must be a finite number > 0");
        }
    }

    /** The one check of β, shared with the configuration. @throws InvalidInputException unless finite */
    public static void requireBeta(String subject, double beta) {
        if (!Double.isFinite(beta)) {
            throw new InvalidInputException(Problem.NON_FINITE, subject, "beta", "is " + beta + ", must be finite");
        }
    }

    /** The one check of κ alone, shared with the configuration. @throws InvalidInputException unless finite */
    public static void requireKappa(String subject, double kappa) {
        if (!Double.isFinite(kappa)) {
            throw new InvalidInputException(Problem.NON_FINITE, subject, "kappa", "is " + kappa + ", must be finite");
        }
    }

    /**
     * κ against the state size: n + λ = α²(n + κ) must be positive (the points' spread and weights
     * divide by it), so κ &gt; −n. Checked when the filter is built for its motion model.
     *
     * @throws InvalidInputException (field {@code kappa}) when κ ≤ −n
     */
    public static void requireSpread(String subject, int n, double kappa) {
        if (!(n + kappa > 0)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "kappa", "is " + kappa + ", must exceed -n = " + (-n)
                    + " for a state of " + n + " components (n + λ = α²(n + κ) must be positive)");
        }
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
