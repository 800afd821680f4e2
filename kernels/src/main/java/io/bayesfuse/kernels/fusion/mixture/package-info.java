/**
 * Fusion of Gaussian-mixture posteriors: {@link io.bayesfuse.kernels.fusion.mixture.MixtureProductRule}
 * multiplies the sources' mixtures with the shared prior divided out
 * ({@link io.bayesfuse.kernels.fusion.mixture.MixtureProduct}), reduces the product after every
 * multiplication to a bounded number of components by Runnalls' method
 * ({@link io.bayesfuse.kernels.fusion.mixture.RunnallsReduction}) and summarises it by moment matching
 * ({@link io.bayesfuse.kernels.fusion.mixture.MomentMatching}). Sources are multiplied in order of source
 * id, not of arrival, so that the reduced result does not depend on arrival order; the rule is not
 * incremental. {@link io.bayesfuse.kernels.gaussian.GaussianMixture} is the immutable mixture value.
 */
package io.bayesfuse.kernels.fusion.mixture;
