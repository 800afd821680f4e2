/**
 * The tracking stage: detection scans keyed by region in, the region's tracks out, keyed by track id.
 * {@link io.bayesfuse.topology.tracking.RegionTrackingProcessor} checks what only the stream knows
 * ({@link io.bayesfuse.topology.tracking.DetectionScans}), runs the kernels' region tracker on the region's
 * state from a changelogged store ({@link io.bayesfuse.topology.tracking.RegionStateSerde}) and publishes
 * every track ({@link io.bayesfuse.topology.tracking.TrackEstimates}); bad scans are dead-lettered before any
 * state changes. Truth, when published, is co-partitioned with the scans and buffered
 * ({@link io.bayesfuse.topology.tracking.TruthBuffer}) so tracks are scored as they are produced
 * ({@link io.bayesfuse.topology.tracking.RegionScoring}).
 */
package io.bayesfuse.topology.tracking;
