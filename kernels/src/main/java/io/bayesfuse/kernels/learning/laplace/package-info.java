/**
 * The Laplace update shared by the dense and low-rank learners: a batch's weighted log-likelihood
 * with its gradient and curvature ({@link io.bayesfuse.kernels.learning.laplace.BatchLikelihood}) and
 * Newton's method for the mode ({@link io.bayesfuse.kernels.learning.laplace.LaplaceMode}), each form
 * supplying only its products and solves with the precision.
 */
package io.bayesfuse.kernels.learning.laplace;
