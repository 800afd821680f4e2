/**
 * The dense precision matrix of a learner (Λ += ZᵀWZ, Cholesky, solves) on two paths: ND4J above a
 * crossover dimension (measured, a setting) and plain small-matrix code below it. ND4J is
 * initialised once at start-up ({@link io.bayesfuse.kernels.learning.algebra.Nd4jRuntime}), never on a record.
 */
package io.bayesfuse.kernels.learning.algebra;
