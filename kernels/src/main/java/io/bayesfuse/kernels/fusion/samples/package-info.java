/**
 * Fusion of sample-based sub-posteriors by consensus Monte Carlo (Scott et al. 2016):
 * {@link io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule} combines the s-th draws of all
 * sources by precision weighting with each source's inverse sample covariance, which is exact for Gaussian
 * sub-posteriors. Each source is expected to have used a fractionated prior p(θ)^(1/K), so no prior is
 * divided out, and every source must send the same number of draws (at least d + 1). The rule is
 * incremental, with compensated running sums.
 */
package io.bayesfuse.kernels.fusion.samples;
