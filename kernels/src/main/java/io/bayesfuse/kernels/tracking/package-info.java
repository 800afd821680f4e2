/**
 * Multi-target tracking from unlabelled detections, per region: the logic that both {@code track} and
 * the stream's tracking stage run. {@link io.bayesfuse.kernels.tracking.RegionTracker} takes a region's
 * stored {@link io.bayesfuse.kernels.tracking.RegionState} and one {@link io.bayesfuse.kernels.tracking.Scan}
 * and returns the new state and a report of every track; {@link io.bayesfuse.kernels.tracking.ScanStep} is
 * one scan's predict, gate, associate, update, confirm-or-delete and initiate, under a
 * {@link io.bayesfuse.kernels.tracking.TrackingPolicy} (M-of-N initiation, deletion after misses or a
 * variance limit). Late scans within a window are re-run from history, so a region's state is a function of
 * its scans in time order alone. Not thread-safe: one tracker per stream thread.
 */
package io.bayesfuse.kernels.tracking;
