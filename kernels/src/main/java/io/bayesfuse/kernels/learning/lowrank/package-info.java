/** The learner with a low-rank-plus-diagonal precision over the weights, for large numbers of features. */
package io.bayesfuse.kernels.learning.lowrank;
