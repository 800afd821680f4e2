/**
 * The fusion stage: {@link io.bayesfuse.topology.fusion.PosteriorFusionProcessor} turns one posterior
 * update, retraction or tombstone into the quantity's fused posterior, and
 * {@link io.bayesfuse.topology.fusion.ChunkFusionProcessor} does the same for each chunk of a chunked
 * quantity. {@link io.bayesfuse.topology.fusion.QuantityFusion} runs the kernels' versioned fusion of one
 * quantity between a read and a write of its state; {@link io.bayesfuse.topology.fusion.FusionSelection}
 * compiles the settings (the quantity's own, else the default) once per configuration change, with the
 * rules and time alignments built by {@link io.bayesfuse.topology.assembly.FusionRuleFactory} and
 * {@link io.bayesfuse.topology.assembly.AlignmentFactory}. The state lives in three stores, a header per quantity,
 * a record per source and an expiry index ({@link io.bayesfuse.topology.fusion.FusionKeys}), in versioned
 * binary formats ({@link io.bayesfuse.topology.fusion.StoredQuantitySerde} still reads the previous
 * release's). Expiry follows event time, never the wall clock, so what expires when is a function of the
 * input.
 */
package io.bayesfuse.topology.fusion;
