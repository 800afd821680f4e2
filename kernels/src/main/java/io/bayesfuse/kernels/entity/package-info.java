/**
 * Tracking one entity through its stream of measurements:
 * {@link io.bayesfuse.kernels.entity.EntityTracker} takes the entity's stored
 * {@link io.bayesfuse.kernels.entity.EntityState} (or none) and one
 * {@link io.bayesfuse.kernels.entity.Measurement} and returns a
 * {@link io.bayesfuse.kernels.entity.TrackingResult}: the new state, and the estimate with an
 * {@link io.bayesfuse.kernels.entity.EntityStatus} saying what the measurement did to the entity. The
 * options that ride on it are out-of-order replay ({@link io.bayesfuse.kernels.entity.OutOfOrderPolicy}),
 * a sensor's learned noise (configured on its {@link io.bayesfuse.kernels.entity.Sensor}), the R a
 * measurement enters with ({@link io.bayesfuse.kernels.entity.NoisePolicy}, e.g. the
 * {@link io.bayesfuse.kernels.entity.NoiseInflation} after a detected change) and fixed-lag
 * smoothing ({@link io.bayesfuse.kernels.entity.SmoothingPolicy}). The tracker delegates each job to
 * one collaborator: {@link io.bayesfuse.kernels.entity.FilterStep} (predict, gate, update, reset on
 * divergence), {@link io.bayesfuse.kernels.entity.NoiseLearning} (learned R),
 * {@link io.bayesfuse.kernels.entity.EntitySmoothing} (the smoother window) and
 * {@link io.bayesfuse.kernels.entity.OutOfOrderHistory} (history, replay, trimming). The stream's filter stage and
 * {@code replay} run the same tracker; the state is a plain value (encoded by
 * {@link io.bayesfuse.kernels.codec.EntityStateCodec}) and a tracker is not thread-safe: one per stream
 * thread.
 */
package io.bayesfuse.kernels.entity;
