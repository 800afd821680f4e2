/**
 * Compact binary forms of the kernels' state values for key-value stores and their changelogs: not JSON,
 * and doubles are kept as their 8 IEEE-754 bytes, so a decoded state continues bit for bit.
 * {@link io.bayesfuse.kernels.codec.EntityStateCodec} encodes an entity's tracking state and
 * {@link io.bayesfuse.kernels.codec.ChangepointStateCodec} a changepoint detector's;
 * {@link io.bayesfuse.kernels.codec.BinaryWriter} and {@link io.bayesfuse.kernels.codec.BinaryReader} are
 * the varint and little-endian primitives that newer formats (the fusion stage's source records and
 * quantity headers) are written with. Every format starts with a magic byte and a version, and a reader
 * refuses a version it does not know: a format changes only by a new version, with the older ones still
 * read.
 */
package io.bayesfuse.kernels.codec;
