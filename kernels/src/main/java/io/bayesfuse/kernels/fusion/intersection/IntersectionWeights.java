package io.bayesfuse.kernels.fusion.intersection;

/**
 * Weights ω on the simplex for covariance intersection, and how they were found.
 *
 * @param omega      the weights, ωᵢ ≥ 0, Σ ωᵢ = 1, in source order
 * @param objective  f(ω) of the criterion (trace, or log-determinant, of the fused covariance);
 *                   NaN for fast weights, which do not evaluate it
 * @param iterations Newton iterations used (0 for closed forms)
 * @param converged  true when the stopping rule was met (always true for closed forms)
 */
public record IntersectionWeights(double[] omega, double objective, int iterations, boolean converged) {

    /** The fast closed form ωᵢ ∝ 1/tr(Pᵢ) (Niehsen 2002), no optimisation. */
    public static IntersectionWeights fast(double[] covarianceTraces) {
        double[] omega = new double[covarianceTraces.length];
        double sum = 0;
        for (int i = 0; i < omega.length; i++) {
            omega[i] = 1.0 / covarianceTraces[i];
            sum += omega[i];
        }
        for (int i = 0; i < omega.length; i++) {
            omega[i] /= sum;
        }
        return new IntersectionWeights(omega, Double.NaN, 0, true);
    }

    /**
     * The optimal weights: trivially 1 for one source, an exact one-dimensional search for two
     * ({@link TwoSourceSearch}), projected Newton on the simplex for more ({@link SimplexNewtonSearch}).
     */
    public static IntersectionWeights optimal(IntersectionObjective objective) {
        return switch (objective.sources()) {
            case 1 -> new IntersectionWeights(new double[]{1.0}, objective.value(new double[]{1.0}), 0, true);
            case 2 -> TwoSourceSearch.minimise(objective);
            default -> SimplexNewtonSearch.minimise(objective);
        };
    }
}
