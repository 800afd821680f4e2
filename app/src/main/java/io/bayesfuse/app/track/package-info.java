/**
 * {@code bayesfuse track}: multi-target tracking of a JSON-lines file of detection scans, offline, with
 * exactly the per-region logic the stream's tracking stage runs.
 * {@link io.bayesfuse.app.track.TrackCommand} reads the scans ({@link io.bayesfuse.app.track.DetectionScanJson}),
 * writes one line per track after each scan ({@link io.bayesfuse.app.track.TrackJson}) and, with a truth
 * file ({@link io.bayesfuse.app.track.TruthJson}), scores the confirmed tracks with GOSPA and reports the
 * time per scan. Only input, output and bookkeeping live here; the tracking is the kernels'.
 */
package io.bayesfuse.app.track;
