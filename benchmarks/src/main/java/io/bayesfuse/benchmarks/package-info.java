/**
 * {@code bayesfuse bench}: throughput, end-to-end latency and resource use of the topology's
 * stages, measured against a baseline topology in the same run ({@link io.bayesfuse.benchmarks.PipelineBenchmark}),
 * swept over entities, threads, instances and guarantees ({@link io.bayesfuse.benchmarks.ScalingCommand}),
 * and held at a fixed rate for a long time ({@link io.bayesfuse.benchmarks.SoakRun}).
 * Nothing here does filtering maths: the baseline forwards records unchanged.
 */
package io.bayesfuse.benchmarks;
