/**
 * Linear-Gaussian motion models x_k = F(dt)·x_{k−1} + w, w ~ N(0, Q(dt)), behind
 * {@link io.bayesfuse.kernels.motion.MotionModel}: {@link io.bayesfuse.kernels.motion.KinematicModel}
 * (random walk, constant velocity or constant acceleration over independent axes) with a
 * {@link io.bayesfuse.kernels.motion.ProcessNoise}
 * ({@link io.bayesfuse.kernels.motion.ContinuousWhiteNoise} or
 * {@link io.bayesfuse.kernels.motion.DiscreteWhiteNoise}), and
 * {@link io.bayesfuse.kernels.motion.LinearMotionModel} with a fixed F and Q per step.
 * {@link io.bayesfuse.kernels.motion.StateLayout} says where each quantity (axis, derivative) sits in the
 * state vector: measurement models find positions through it and the IMM maps one mode's state into
 * another's. dt is in seconds, dt = 0 means no prediction (F = I, Q = 0), and models fill caller-owned
 * matrices.
 */
package io.bayesfuse.kernels.motion;
