/**
 * {@code bayesfuse fuse} ({@link io.bayesfuse.app.fuse.FuseCommand}): fuses a JSON-lines file of posterior
 * updates offline and writes the quantity's fused posterior after every accepted update, in the format of
 * the reference fusion scenarios. The per-quantity logic is topology's
 * {@link io.bayesfuse.topology.fusion.QuantityFusion}, the same object the stream's fusion stage runs;
 * only reading the input ({@code PosteriorUpdateJson}) and writing the output ({@code FusedPosteriorJson})
 * live here. What needs a stream (Kafka tombstones, a source's time to live in event time) does not apply
 * offline.
 */
package io.bayesfuse.app.fuse;
