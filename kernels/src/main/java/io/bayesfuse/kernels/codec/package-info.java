/**
 * Compact binary forms of the kernels' state values for key-value stores and their changelogs: not JSON,
 * and doubles are kept as their 8 IEEE-754 bytes, so a decoded state continues bit for bit.
 * {@link io.bayesfuse.kernels.codec.EntityStateCodec} encodes an entity's tracking state,
 * {@link io.bayesfuse.kernels.codec.ChangepointStateCodec} a changepoint detector's,
 * {@link io.bayesfuse.kernels.codec.RegionStateCodec} a tracking region's,
 * {@link io.bayesfuse.kernels.codec.FusionRecordCodec} the fusion stage's source records and quantity
 * headers and {@link io.bayesfuse.kernels.codec.FusionStateCodec} the previous release's whole-quantity
 * fusion state. All of them are written with one helper,
 * {@link io.bayesfuse.kernels.codec.BinaryWriter} and {@link io.bayesfuse.kernels.codec.BinaryReader}
 * (varints, either byte order, strings, arrays). Every format starts with a magic byte and a version, and
 * a reader refuses a version it does not know: a format changes only by a new version, with the older
 * ones still read.
 */
package io.bayesfuse.kernels.codec;
