/**
 * Fixed-lag smoothing: the estimate of the state L measurements ago given everything since, by the
 * Rauch–Tung–Striebel backward pass over the last L + 1 filtered estimates.
 *
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.smoothing.RauchTungStriebel}: one backward step.</li>
 *   <li>{@link io.bayesfuse.kernels.smoothing.SmootherWindow}: the filtered estimates kept, as a value.</li>
 *   <li>{@link io.bayesfuse.kernels.smoothing.FixedLagSmoother}: appends to the window and smooths it;
 *       equal to a batch RTS smoother over the same measurements.</li>
 * </ul>
 * The motion models are linear, so the smoother applies to the KF, EKF, UKF and information filter alike
 * (the Gaussian approximation of the nonlinear filters carries over); not to the IMM or the particle
 * filter, whose posteriors are not one Gaussian. {@link io.bayesfuse.kernels.entity.EntityTracker} keeps
 * the window in the entity's state when smoothing is on.
 */
package io.bayesfuse.kernels.smoothing;
