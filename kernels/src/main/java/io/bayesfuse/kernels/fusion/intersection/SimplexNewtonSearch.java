package io.bayesfuse.kernels.fusion.intersection;

/**
 * Covariance-intersection weights for three or more sources: a projected Newton method on the
 * simplex (sequential quadratic programming). Each iteration minimises the second-order model
 * of f at ω exactly over the simplex ({@link SimplexQuadraticProgram}), giving a feasible target z,
 * and moves along d = z − ω with Armijo backtracking (sufficient decrease 10⁻⁴·α·gᵀd); once the
 * step is small (‖d‖∞ &lt; 10⁻⁶) full Newton steps are taken, where convergence is quadratic. The
 * objective is convex, so the KKT point found is the global minimum.
 *
 * <p>Stopping rule: ‖d‖∞ ≤ {@value #TOLERANCE}, or the first-order (KKT) residual is at rounding
 * level ({@value #KKT_AT_ROUNDING} relative to the largest gradient entry). Near the optimum the
 * Newton step is the distance to it (to second order), so the weights are accurate to about that,
 * well inside 1e-9. A small ridge (10⁻¹⁰ of the largest curvature) keeps the model strictly
 * convex when sources are redundant (identical precisions make f flat along their difference); it
 * does not move the fixed point, where z = ω exactly when ω satisfies the KKT conditions. When
 * no decrease of f is resolvable in floating point any more, the search stops and reports
 * convergence if the KKT residual is below {@value #KKT_ACCEPTABLE}.
 */
final class SimplexNewtonSearch {

    static final double TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 100;
    private static final double FULL_STEP_BELOW = 1e-6;
    private static final double ARMIJO = 1e-4;
    private static final double RIDGE = 1e-10;
    static final double KKT_AT_ROUNDING = 1e-14;
    static final double KKT_ACCEPTABLE = 1e-10;

    private SimplexNewtonSearch() {
    }

    static IntersectionWeights minimise(IntersectionObjective f) {
        int K = f.sources();
        double[] omega = new double[K];
        java.util.Arrays.fill(omega, 1.0 / K);
        double[] g = new double[K];
        double[] H = new double[K * K];
        double[] trial = new double[K];
        double value = f.evaluate(omega, g, H);
        int iteration = 0;
        boolean converged = false;
        while (iteration < MAX_ITERATIONS) {
            if (kktResidual(omega, g) <= KKT_AT_ROUNDING) {
                converged = true;
                break;
            }
            iteration++;
            double largestCurvature = 0;
            for (int i = 0; i < K; i++) {
                largestCurvature = Math.max(largestCurvature, H[i * K + i]);
            }
            double ridge = RIDGE * Math.max(largestCurvature, Double.MIN_NORMAL);
            for (int i = 0; i < K; i++) {
                H[i * K + i] += ridge;
            }
            double[] z = SimplexQuadraticProgram.minimise(omega, g, H);
            double stepLength = 0;
            double slope = 0;                          // gᵀd, negative for a descent direction
            for (int i = 0; i < K; i++) {
                double di = z[i] - omega[i];
                stepLength = Math.max(stepLength, Math.abs(di));
                slope += g[i] * di;
            }
            if (stepLength <= TOLERANCE) {
                converged = true;
                break;
            }
            double alpha = 1.0;
            if (stepLength >= FULL_STEP_BELOW) {
                while (true) {
                    step(omega, z, alpha, trial);
                    if (f.value(trial) <= value + ARMIJO * alpha * slope) {
                        break;
                    }
                    alpha *= 0.5;
                    if (alpha < 1e-12) {
                        break;
                    }
                }
                if (alpha < 1e-12) {                   // no decrease resolvable in floating point
                    converged = kktResidual(omega, g) <= KKT_ACCEPTABLE;
                    break;
                }
            }
            step(omega, z, alpha, omega);
            value = f.evaluate(omega, g, H);
        }
        return new IntersectionWeights(omega, value, iteration, converged);
    }

    /**
     * The violation of the KKT conditions of min f on the simplex, relative to the largest |gᵢ|:
     * with ν the ω-weighted mean of g over the support, max of |gᵢ − ν| where ωᵢ &gt; 0 and of
     * ν − gᵢ where ωᵢ = 0 (a zero weight that would pay to increase).
     */
    static double kktResidual(double[] omega, double[] g) {
        double nu = 0;
        double support = 0;
        double scale = 0;
        for (int i = 0; i < omega.length; i++) {
            scale = Math.max(scale, Math.abs(g[i]));
            if (omega[i] > 0) {
                nu += omega[i] * g[i];
                support += omega[i];
            }
        }
        nu /= support;
        double residual = 0;
        for (int i = 0; i < omega.length; i++) {
            residual = Math.max(residual, omega[i] > 0 ? Math.abs(g[i] - nu) : nu - g[i]);
        }
        return residual / Math.max(scale, Double.MIN_NORMAL);
    }

    /** out = ω + α(z − ω), kept on the simplex against rounding (clamped at 0, renormalised). */
    private static void step(double[] omega, double[] z, double alpha, double[] out) {
        double sum = 0;
        for (int i = 0; i < omega.length; i++) {
            double v = omega[i] + alpha * (z[i] - omega[i]);
            out[i] = v > 0 ? v : 0.0;
            sum += out[i];
        }
        for (int i = 0; i < omega.length; i++) {
            out[i] /= sum;
        }
    }
}
