package io.bayesfuse.kernels.learning.likelihood;

/**
 * Gauss–Hermite rules: ∫ e^(−x²) f(x) dx ≈ Σᵢ wᵢ f(xᵢ), exact for polynomials of degree 2n − 1.
 * The nodes are the roots of the Hermite polynomial Hₙ, found by Newton's method on the orthonormal
 * recurrence (Press et al., Numerical Recipes, 3rd ed., §4.6, {@code gauher}).
 */
public final class GaussHermite {

    private static final double PI_TO_MINUS_QUARTER = 0.7511255444649425;
    private static final GaussHermite[] CACHE = new GaussHermite[65];

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The n-point rule, 1 ≤ n ≤ 64 (computed once, then shared: the arrays must not be changed). */
    public static synchronized GaussHermite of(int n) {
        if (n < 1 || n >= CACHE.length) {
            throw new IllegalArgumentException("Gauss-Hermite rules of 1 to 64 points, not " + n);
        }
        if (CACHE[n] == null) {
            CACHE[n] = compute(n);
        }
        return CACHE[n];
    }

    public double[] nodes() {
        return nodes;
    }

    public double[] weights() {
        return weights;
    }

    public int size() {
        return nodes.length;
    }

    private static GaussHermite compute(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        int half = (n + 1) / 2;
        double z = 0;
        for (int i = 0; i < half; i++) {
            if (i == 0) {
                z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -1.0 / 6);
            } else if (i == 1) {
                z -= 1.14 * Math.pow(n, 0.426) / z;
            } else if (i == 2) {
                z = 1.86 * z - 0.86 * x[0];
            } else if (i == 3) {
                z = 1.91 * z - 0.91 * x[1];
            } else {
                z = 2.0 * z - x[i - 2];
            }
            double derivative = 0;
            for (int iteration = 0; iteration < 200; iteration++) {
                double p1 = PI_TO_MINUS_QUARTER;
                double p2 = 0;
                for (int j = 0; j < n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / (j + 1)) * p2 - Math.sqrt((double) j / (j + 1)) * p3;
                }
                derivative = Math.sqrt(2.0 * n) * p2;
                double previous = z;
                z = previous - p1 / derivative;
                if (Math.abs(z - previous) <= 1e-15 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (derivative * derivative);
            w[n - 1 - i] = w[i];
        }
        return new GaussHermite(x, w);
    }
}
