package io.bayesfuse.kernels.fusion.trust;

/** How a source's disagreement with the fusion of the others is summarised into one χ² statistic. */
public enum TrustTest {
    /**
     * The χ² of the difference under the summed covariances (Fisher: the sum of the per-parameter z²),
     * with one degree of freedom per parameter: every rule with trust.
     */
    CHI_SQUARE,
    /**
     * Fisher merging only: the largest per-parameter z², turned into a χ²₁ value by the Šidák
     * correction for the m parameters tested, χ²₁⁻¹(F(max z²)ᵐ) (χ²₁-distributed for independent
     * parameters), so that a bias in a few of many parameters is seen.
     */
    MAX_Z
}
