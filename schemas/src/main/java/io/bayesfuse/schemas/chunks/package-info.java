/**
 * Posteriors too large for one record, as chunks: {@link io.bayesfuse.schemas.chunks.PosteriorChunks} cuts
 * one into {@code PosteriorChunk} records of a fixed number of values, one chunk at a time, keyed
 * {@code quantityId#chunkIndex} ({@link io.bayesfuse.schemas.chunks.PosteriorChunks#key}).
 * {@link io.bayesfuse.schemas.chunks.ChunkAssembler} collects the newest {@code FusedChunk} of each chunk
 * and assembles the fused quantity once it is consistent: every chunk present, each fused from the same
 * source versions (equal {@code sourcesDigest}). They are helpers for the programs that produce and read
 * the chunk topics.
 */
package io.bayesfuse.schemas.chunks;
