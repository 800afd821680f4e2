package io.bayesfuse.kernels.learning;

/**
 * What a person asks of a learner's posterior.
 *
 * @param mean              the posterior mean of every weight
 * @param sd                the marginal standard deviations of the first weights (fewer than the mean's
 *                          when a limit applied); for the Normal-Inverse-Gamma model those of the
 *                          Student-t marginal, at the posterior mean of the noise scale
 * @param noiseVariance     E[σ²] of a linear model's noise (its fixed σ² when known; NaN for classifiers)
 * @param noiseDegrees      ν = 2a of the Normal-Inverse-Gamma model (+∞ when the noise is known; NaN for classifiers)
 */
public record PosteriorSummary(double[] mean, double[] sd, double noiseVariance, double noiseDegrees) {
}
