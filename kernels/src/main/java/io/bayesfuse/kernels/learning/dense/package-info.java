/** The learner with a full covariance over the weights (exact conjugate updates, Laplace and ADF for classifiers). */
package io.bayesfuse.kernels.learning.dense;
