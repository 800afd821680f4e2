package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.gaussian.Gaussian;

/**
 * What a {@link FusionRule} currently fuses its sources into. A fused precision that is not
 * positive definite is reported as {@link NotPositiveDefinite}, never returned as a covariance.
 * Arrays are the caller's to keep (fresh copies).
 */
public sealed interface FusionResult {

    /** No source contributes (and there is no prior to fall back on). */
    record NoSources() implements FusionResult {
    }

    /** The product of the sources' posteriors (with the prior divided out). */
    record GaussianPosterior(Gaussian posterior) implements FusionResult {
    }

    /**
     * The covariance intersection of the sources; {@code weights} are ωᵢ in the order of the
     * rule's sources (the order in which they first arrived).
     */
    record IntersectionPosterior(Gaussian posterior, double[] weights) implements FusionResult {
    }

    /** The product of diagonal Gaussians, elementwise: mean x and variances σ². */
    record DiagonalPosterior(double[] mean, double[] variances) implements FusionResult {
    }

    /**
     * A slice of the fused Gaussian in packed information form ({@link SourcePosterior.InformationSlice}):
     * the product's Σ Λᵢ − (K−1) Λ₀ and Σ ηᵢ − (K−1) η₀ on the slice's entries. Solving for the mean
     * and covariance needs every slice: the consumer's work.
     */
    record InformationSlice(int dimension, long offset, double[] values) implements FusionResult {
    }

    /** Fisher-weighted merged parameters θ and the fused Fisher diagonal Σ λᵢFᵢ. */
    record FisherPosterior(double[] mean, double[] fisherDiagonal) implements FusionResult {
    }

    /** The reduced product mixture and its moment-matched single Gaussian. */
    record MixturePosterior(GaussianMixture mixture, Gaussian moments) implements FusionResult {
    }

    /** Consensus draws (one row per draw) and their sample mean and covariance. */
    record SamplePosterior(double[][] draws, Gaussian moments) implements FusionResult {
    }

    /** The fused precision is not positive definite (e.g. sources inconsistent with the prior). */
    record NotPositiveDefinite(String detail) implements FusionResult {
    }
}
