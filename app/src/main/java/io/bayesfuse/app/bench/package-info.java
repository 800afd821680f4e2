/**
 * {@code bayesfuse bench}: throughput, end-to-end latency and resource use of the topology's
 * stages, measured against a baseline topology in the same run ({@link io.bayesfuse.app.bench.PipelineBenchmark}),
 * swept over entities, threads, instances and guarantees ({@link io.bayesfuse.app.bench.ScalingCommand}),
 * and held at a fixed rate for a long time ({@link io.bayesfuse.app.bench.SoakRun}).
 * Nothing here does filtering maths: the baseline forwards records unchanged.
 */
package io.bayesfuse.app.bench;
