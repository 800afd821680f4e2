/** The learner with a diagonal covariance over the weights (mean-field), for large numbers of features. */
package io.bayesfuse.kernels.learning.diagonal;
