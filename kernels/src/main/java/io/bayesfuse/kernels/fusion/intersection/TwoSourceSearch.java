package io.bayesfuse.kernels.fusion.intersection;

/**
 * Covariance-intersection weights for two sources, as the one-dimensional convex problem
 * φ(t) = f(t, 1 − t) on [0, 1], solved to machine precision:
 * <pre>
 *   φ'(t) = g₁ − g₂        φ''(t) = H₁₁ − 2H₁₂ + H₂₂ ≥ 0
 * </pre>
 * If φ'(0) ≥ 0 the minimum is t = 0, if φ'(1) ≤ 0 it is t = 1; otherwise φ' changes sign once
 * in (0, 1) and a safeguarded Newton iteration on φ'(t) = 0 keeps a bracket [lo, hi] with
 * φ'(lo) &lt; 0 &lt; φ'(hi), falling back to bisection whenever a Newton step leaves it. It stops
 * when the step or the bracket is below {@value #TOLERANCE} (far below the 1e-9 asked of the
 * weights), or φ' is exactly zero.
 */
final class TwoSourceSearch {

    static final double TOLERANCE = 1e-15;
    private static final int MAX_ITERATIONS = 200;

    private TwoSourceSearch() {
    }

    static IntersectionWeights minimise(IntersectionObjective f) {
        double[] g = new double[2];
        double[] H = new double[4];
        double[] omega = new double[2];

        double slopeAtZero = slope(f, 0.0, omega, g, H);
        if (slopeAtZero >= 0) {
            return new IntersectionWeights(new double[]{0.0, 1.0}, f.value(new double[]{0.0, 1.0}), 1, true);
        }
        double slopeAtOne = slope(f, 1.0, omega, g, H);
        if (slopeAtOne <= 0) {
            return new IntersectionWeights(new double[]{1.0, 0.0}, f.value(new double[]{1.0, 0.0}), 2, true);
        }
        double lo = 0.0;
        double hi = 1.0;
        double t = 0.5;
        int iterations = 2;
        boolean converged = false;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            double slope = slope(f, t, omega, g, H);
            if (slope == 0) {
                converged = true;
                break;
            }
            if (slope < 0) {
                lo = t;
            } else {
                hi = t;
            }
            double curvature = H[0] - 2 * H[1] + H[3];
            double next = curvature > 0 ? t - slope / curvature : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);         // bisection when Newton leaves the bracket
            }
            double step = Math.abs(next - t);
            t = next;
            if (step < TOLERANCE || hi - lo < TOLERANCE) {
                converged = true;
                break;
            }
        }
        double[] result = {t, 1.0 - t};
        return new IntersectionWeights(result, f.value(result), iterations, converged);
    }

    /** φ'(t), leaving ∇²f(t, 1 − t) in H. */
    private static double slope(IntersectionObjective f, double t, double[] omega, double[] g, double[] H) {
        omega[0] = t;
        omega[1] = 1.0 - t;
        f.evaluate(omega, g, H);
        return g[0] - g[1];
    }
}
