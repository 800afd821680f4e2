/**
 * The immutable Gaussian value that crosses module boundaries:
 * {@link io.bayesfuse.kernels.gaussian.Gaussian}, N(x, P), for estimates and posteriors (filters keep
 * their own mutable working matrices and produce one on output).
 * {@link io.bayesfuse.kernels.gaussian.ConfidenceEllipse} is the k-sigma ellipse of a 2-D covariance, as
 * the map and the dashboard draw it. {@link io.bayesfuse.kernels.gaussian.GaussianMixture} is an
 * immutable weighted sum of Gaussians, what mixture posteriors are made of.
 */
package io.bayesfuse.kernels.gaussian;
