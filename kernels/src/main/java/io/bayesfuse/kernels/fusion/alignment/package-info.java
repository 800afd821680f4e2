/**
 * Fusion of posteriors of a moving quantity (a track) taken at different times:
 * {@link io.bayesfuse.kernels.fusion.alignment.TimeAlignment} predicts each source's posterior with a
 * motion model to the newest of the sources' times and only then fuses them, since estimates of one target
 * made at different moments must be compared at one moment (track-to-track fusion). The sources'
 * posteriors are kept as they were sent and predicted afresh for every result, so a retraction or a newer
 * version never leaves a source predicted twice. Not thread-safe: the motion model's working matrices are
 * reused.
 */
package io.bayesfuse.kernels.fusion.alignment;
