/**
 * Fusion rules that work one component (or one entry of a packed information form) at a time, so that a
 * posterior too large for one record is fused chunk by chunk with exactly the result of fusing it whole:
 * {@link io.bayesfuse.kernels.fusion.elementwise.DiagonalProductRule}, the product of diagonal Gaussians,
 * and {@link io.bayesfuse.kernels.fusion.elementwise.InformationSliceRule}, the product on a slice of the
 * packed precision and information vector. Both divide out an
 * {@link io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior} N(m·1, v·I), the prior that can be
 * divided out of a chunk without knowing the rest of the posterior, and keep compensated running sums, so
 * one source's update costs the same whatever the number of sources.
 */
package io.bayesfuse.kernels.fusion.elementwise;
