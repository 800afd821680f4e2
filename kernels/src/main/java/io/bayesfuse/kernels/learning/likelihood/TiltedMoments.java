package io.bayesfuse.kernels.learning.likelihood;

/**
 * The moments of a tilted distribution q(a) ∝ N(a; m, V)·p(y | a)^w over the K outputs of one
 * example — what assumed-density filtering matches, and (with w = 1) the predictive probability
 * Z = ∫ N(a; m, V) p(y | a) da of a classifier.
 *
 * <p>Computed by adaptive Gauss–Hermite quadrature (Liu &amp; Pierce 1994): Newton's method finds
 * the mode â of log q (concave: a Gaussian times a log-concave likelihood), the curvature there
 * H = V⁻¹ − w∇² log p = L·Lᵀ sets the scale, and a product rule of {@link #pointsPerDimension}
 * nodes per output integrates in the coordinates a = â + √2·L⁻ᵀz, where q is close to a standard
 * Gaussian; relative errors are below 10⁻⁸ for the logistic and the softmax of a few classes in
 * the tests. At most 4,096 points: up to 7 outputs (3 nodes each).
 */
public final class TiltedMoments {

    /** Points of the product rule at most. */
    public static final int MAX_POINTS = 4096;
    /** The most outputs quadrature handles (3⁷ = 2,187 points; 3⁸ would pass {@link #MAX_POINTS}). */
    public static final int MAX_OUTPUTS = 7;

    /**
     * @param logZ       log ∫ N(a; m, V)·p(y | a)^w da
     * @param mean       the tilted mean m̃
     * @param covariance the tilted covariance Ṽ (K×K, row-major)
     */
    public record Result(double logZ, double[] mean, double[] covariance) {
    }

    private TiltedMoments() {
    }

    /** Nodes per output for K outputs: as many as {@link #MAX_POINTS} allows, between 3 and 24. */
    public static int pointsPerDimension(int K) {
        int q = (int) Math.floor(Math.pow(MAX_POINTS, 1.0 / K) + 1e-9);
        return Math.min(24, q);
    }

    public static Result of(OutputLikelihood likelihood, double[] m, double[] V, double y, double w) {
        int K = likelihood.outputs();
        if (K > MAX_OUTPUTS) {
            throw new IllegalArgumentException(K + " outputs: quadrature handles at most " + MAX_OUTPUTS);
        }
        double[] LV = SmallSymmetric.cholesky(V, K);
        if (LV == null) {
            throw new IllegalArgumentException("the outputs' covariance is not positive definite");
        }
        double[] Vinv = SmallSymmetric.inverse(LV, K);
        double logNormal = -0.5 * (K * Math.log(2 * Math.PI) + SmallSymmetric.logDeterminant(LV, K));
        double[] mode = mode(likelihood, m, Vinv, y, w);
        // curvature at the mode
        double[] gradient = new double[K];
        double[] root = new double[K * K];
        likelihood.gradientAndCurvature(mode, y, w, gradient, root);
        double[] H = Vinv.clone();
        addOuter(H, root, K);
        double[] LH = SmallSymmetric.cholesky(H, K);
        if (LH == null) {
            throw new IllegalStateException("the tilted curvature is not positive definite");
        }
        GaussHermite rule = GaussHermite.of(pointsPerDimension(K));
        int q = rule.size();
        int points = (int) Math.round(Math.pow(q, K));
        double shift = logQ(likelihood, mode, m, Vinv, y, w);
        double[] z = new double[K];
        double[] a = new double[K];
        double[] offset = new double[K];
        int[] index = new int[K];
        double total = 0;
        double[] firstMoment = new double[K];
        double[] secondMoment = new double[K * K];
        for (int p = 0; p < points; p++) {
            double weight = 1;
            double zz = 0;
            for (int k = 0; k < K; k++) {
                z[k] = rule.nodes()[index[k]];
                weight *= rule.weights()[index[k]];
                zz += z[k] * z[k];
            }
            backSubstitute(LH, z, offset, K);   // offset = L⁻ᵀz
            for (int k = 0; k < K; k++) {
                a[k] = mode[k] + Math.sqrt(2) * offset[k];
            }
            double omega = weight * Math.exp(logQ(likelihood, a, m, Vinv, y, w) - shift + zz);
            total += omega;
            for (int k = 0; k < K; k++) {
                double dk = a[k] - mode[k];
                firstMoment[k] += omega * dk;
                for (int l = 0; l <= k; l++) {
                    secondMoment[k * K + l] += omega * dk * (a[l] - mode[l]);
                }
            }
            for (int k = 0; k < K && ++index[k] == q; k++) {
                index[k] = 0;
            }
        }
        double[] mean = new double[K];
        double[] covariance = new double[K * K];
        for (int k = 0; k < K; k++) {
            mean[k] = firstMoment[k] / total;
        }
        for (int k = 0; k < K; k++) {
            for (int l = 0; l <= k; l++) {
                double c = secondMoment[k * K + l] / total - mean[k] * mean[l];
                covariance[k * K + l] = c;
                covariance[l * K + k] = c;
            }
            mean[k] += mode[k];
        }
        // ∫ = e^shift · (√2)^K / det(L_H) · Σ ω, and log N's constant
        double logZ = shift + Math.log(total) + K * 0.5 * Math.log(2) - 0.5 * SmallSymmetric.logDeterminant(LH, K) + logNormal;
        return new Result(logZ, mean, covariance);
    }

    /** log q(a) up to log N's constant: −½(a − m)ᵀV⁻¹(a − m) + w·log p(y | a). */
    private static double logQ(OutputLikelihood likelihood, double[] a, double[] m, double[] Vinv, double y, double w) {
        int K = a.length;
        double quadratic = 0;
        for (int k = 0; k < K; k++) {
            for (int l = 0; l < K; l++) {
                quadratic += (a[k] - m[k]) * Vinv[k * K + l] * (a[l] - m[l]);
            }
        }
        return -0.5 * quadratic + w * likelihood.logLikelihood(a, y);
    }

    /** Newton's method with backtracking on the concave log q. */
    private static double[] mode(OutputLikelihood likelihood, double[] m, double[] Vinv, double y, double w) {
        int K = m.length;
        double[] a = m.clone();
        double[] gradient = new double[K];
        double[] root = new double[K * K];
        double current = logQ(likelihood, a, m, Vinv, y, w);
        for (int iteration = 0; iteration < 100; iteration++) {
            likelihood.gradientAndCurvature(a, y, w, gradient, root);
            double[] g = new double[K];
            for (int k = 0; k < K; k++) {
                double prior = 0;
                for (int l = 0; l < K; l++) {
                    prior += Vinv[k * K + l] * (a[l] - m[l]);
                }
                g[k] = gradient[k] - prior;
            }
            double[] H = Vinv.clone();
            addOuter(H, root, K);
            double[] L = SmallSymmetric.cholesky(H, K);
            if (L == null) {
                break;
            }
            double[] step = SmallSymmetric.solve(L, g, K);
            double t = 1;
            double[] next = new double[K];
            double value = Double.NEGATIVE_INFINITY;
            for (int halving = 0; halving < 40; halving++) {
                for (int k = 0; k < K; k++) {
                    next[k] = a[k] + t * step[k];
                }
                value = logQ(likelihood, next, m, Vinv, y, w);
                if (value >= current - 1e-12 * Math.abs(current)) {
                    break;
                }
                t /= 2;
            }
            double size = 0;
            for (int k = 0; k < K; k++) {
                size = Math.max(size, Math.abs(next[k] - a[k]));
            }
            System.arraycopy(next, 0, a, 0, K);
            current = value;
            if (size <= 1e-12 * (1 + maxAbs(a))) {
                break;
            }
        }
        return a;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** H += R·Rᵀ. */
    private static void addOuter(double[] H, double[] R, int K) {
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int c = 0; c < K; c++) {
                    sum += R[i * K + c] * R[j * K + c];
                }
                H[i * K + j] += sum;
            }
        }
    }

    /** x = L⁻ᵀz for lower L (back substitution with Lᵀ). */
    private static void backSubstitute(double[] L, double[] z, double[] x, int K) {
        for (int i = K - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < K; k++) {
                sum -= L[k * K + i] * x[k];
            }
            x[i] = sum / L[i * K + i];
        }
    }
}
