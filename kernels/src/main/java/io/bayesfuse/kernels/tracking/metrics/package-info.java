/**
 * Scores of tracking quality against the truth: {@link io.bayesfuse.kernels.tracking.metrics.Gospa}
 * (generalised optimal sub-pattern assignment, p = 1, c = 10, α = 2 by default),
 * {@link io.bayesfuse.kernels.tracking.metrics.ConsistencyScore} (NEES and ANEES of estimates paired with
 * true states) and {@link io.bayesfuse.kernels.tracking.TrackingScore}, which accumulates both
 * over scans.
 */
package io.bayesfuse.kernels.tracking.metrics;
