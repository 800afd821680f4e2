/**
 * Reading the topology's state and outputs for people and other programs: an entity's stored
 * filter state as mean and covariance ({@link io.bayesfuse.topology.query.EntityStateReader}),
 * positions and uncertainty ellipses on a map ({@link io.bayesfuse.topology.query.MapGeometry}),
 * measurements placed on the same map ({@link io.bayesfuse.topology.query.MeasurementProjection})
 * and the chi-square bounds a sensor's NIS should stay within
 * ({@link io.bayesfuse.topology.query.NisBounds}). The dashboard and the HTTP API use these; the
 * mathematics stays here and in the kernels, out of the application.
 */
package io.bayesfuse.topology.query;
