/**
 * {@link io.bayesfuse.kernels.fusion.state.VersionedFusion}, a rule behind per-source versions, and a
 * fusion's state as plain values and their binary forms, for key-value stores: per quantity a
 * {@link io.bayesfuse.kernels.fusion.state.FusionHeader} (the rule's aggregates as a
 * {@link io.bayesfuse.kernels.fusion.RuleState}, counts and an order-independent
 * {@link io.bayesfuse.kernels.fusion.state.SourceSetDigest} of the source versions), and per source a
 * {@link io.bayesfuse.kernels.fusion.state.SourceRecord}, kept in a
 * {@link io.bayesfuse.kernels.fusion.state.SourceTable} (in memory for the offline commands and tests, a
 * state store in the stream). {@link io.bayesfuse.kernels.fusion.state.FusionRecordCodec} writes headers
 * and source records; {@link io.bayesfuse.kernels.fusion.state.FusionStateCodec} writes the whole-quantity
 * {@link io.bayesfuse.kernels.fusion.state.FusionState} of the previous store layout, which is still read.
 * Every format starts with a magic byte and a format version, and a reader refuses a version it does not
 * know, so a new format is introduced alongside the old.
 */
package io.bayesfuse.kernels.fusion.state;
