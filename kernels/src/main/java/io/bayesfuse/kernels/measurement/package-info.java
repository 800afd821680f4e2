/**
 * Measurement models z = h(x) + v, v ~ N(0, R), behind
 * {@link io.bayesfuse.kernels.measurement.MeasurementModel}:
 * {@link io.bayesfuse.kernels.measurement.PositionMeasurement},
 * {@link io.bayesfuse.kernels.measurement.LinearMeasurement} (a configured H),
 * {@link io.bayesfuse.kernels.measurement.RangeBearingMeasurement} and
 * {@link io.bayesfuse.kernels.measurement.RangeBearingElevationMeasurement} (angle residuals wrapped, see
 * {@link io.bayesfuse.kernels.measurement.Angles}), and
 * {@link io.bayesfuse.kernels.measurement.StateEvidenceMeasurement}, evidence from a learned model that
 * filters fuse with the Discriminative Kalman Filter update. The state layout is passed on every call,
 * because the IMM runs one sensor against modes of different sizes; models fill caller-owned matrices, so
 * the per-record path allocates nothing.
 */
package io.bayesfuse.kernels.measurement;
