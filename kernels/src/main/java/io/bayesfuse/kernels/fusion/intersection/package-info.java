/**
 * Covariance intersection (Julier &amp; Uhlmann 1997) for sources whose errors are correlated in an
 * unknown way, so that their product would be overconfident:
 * {@link io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule} fuses with weights ω on the
 * simplex that minimise the trace or the log-determinant of the fused covariance
 * ({@link io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion}), or with the fast closed form
 * ωᵢ ∝ 1/tr(Pᵢ). {@link io.bayesfuse.kernels.fusion.intersection.IntersectionObjective} is the convex
 * objective with its gradient and Hessian; the optimal
 * {@link io.bayesfuse.kernels.fusion.intersection.IntersectionWeights} come from a safeguarded Newton
 * search for two sources and a projected Newton method on the simplex for more. The rule is not
 * incremental: the weights depend on every source.
 */
package io.bayesfuse.kernels.fusion.intersection;
