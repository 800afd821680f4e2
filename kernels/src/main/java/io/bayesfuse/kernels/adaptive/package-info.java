/**
 * Learning a sensor's measurement noise R online: the variational-Bayes noise-adaptive Kalman update
 * (Särkkä &amp; Nummenmaa 2009; full covariance after Särkkä &amp; Hartikainen 2013) with a forgetting factor.
 *
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.adaptive.NoiseAdaptation}: a sensor's settings (diagonal or full R,
 *       forgetting ρ, prior strength, iterations) and its prior from the configured R.</li>
 *   <li>{@link io.bayesfuse.kernels.adaptive.NoisePosterior}: the learned posterior as a value,
 *       {@link io.bayesfuse.kernels.adaptive.InverseGammaNoise} or
 *       {@link io.bayesfuse.kernels.adaptive.InverseWishartNoise}; its {@code mean()} is the sensor's
 *       current R for display.</li>
 *   <li>{@link io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate}: the update itself, driving a
 *       Kalman-family filter (KF, EKF, UKF).</li>
 * </ul>
 * {@link io.bayesfuse.kernels.entity.EntityTracker} runs it for sensors configured with an adaptation and
 * keeps the posterior per entity × sensor in the entity's state.
 */
package io.bayesfuse.kernels.adaptive;
