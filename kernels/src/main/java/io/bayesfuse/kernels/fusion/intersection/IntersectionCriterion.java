package io.bayesfuse.kernels.fusion.intersection;

/** What covariance intersection minimises over the weights ω on the simplex. */
public enum IntersectionCriterion {
    /** trace(P(ω)): the total variance. */
    TRACE,
    /** det(P(ω)), minimised as log det P(ω) = −log det Σ ωᵢΛᵢ: the volume of the uncertainty ellipsoid. */
    DETERMINANT
}
