/** From a model specification to its learner: the one place that chooses a covariance form's class. */
package io.bayesfuse.kernels.learning.assembly;
