/**
 * {@link io.bayesfuse.kernels.fusion.state.VersionedFusion}, a rule behind per-source versions, and a
 * fusion's state as plain values, for key-value stores: per quantity a
 * {@link io.bayesfuse.kernels.fusion.state.FusionHeader} (the rule's aggregates as a
 * {@link io.bayesfuse.kernels.fusion.RuleState}, counts and an order-independent
 * {@link io.bayesfuse.kernels.fusion.state.SourceSetDigest} of the source versions), and per source a
 * {@link io.bayesfuse.kernels.fusion.state.SourceRecord}, kept in a
 * {@link io.bayesfuse.kernels.fusion.state.SourceTable} (in memory for the offline commands and tests, a
 * state store in the stream). Their binary forms are written in {@code io.bayesfuse.kernels.codec}:
 * {@code FusionRecordCodec} writes headers and source records, {@code FusionStateCodec} the
 * whole-quantity {@link io.bayesfuse.kernels.fusion.state.FusionState} of the previous store layout,
 * which is still read.
 */
package io.bayesfuse.kernels.fusion.state;
