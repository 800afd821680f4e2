package io.bayesfuse.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * One pipeline benchmark's settings.
 *
 * @param records            measured input records per stage
 * @param warmupRecords      records sent (and awaited) per stage before measuring, so that every stage runs warm
 * @param entities           entities the measurements spread over
 * @param quantities         quantities the posterior updates spread over
 * @param sources            sources per quantity (K)
 * @param dimension          the posteriors' dimension (d)
 * @param partitions         partitions of every input and output topic
 * @param threads            stream threads per instance
 * @param instances          Kafka Streams instances (same application id, in this process)
 * @param guarantee          {@code exactly_once_v2} or {@code at_least_once}
 * @param commitIntervalMs   Kafka Streams' commit interval, or null for its default (100 ms exactly once, 30 s at least once)
 * @param rate               input records per second, or 0 for as fast as possible
 * @param stages             the stages to run, in order
 * @param stallTimeout       give up when no output arrives for this long
 */
public record PipelineSettings(long records, long warmupRecords, int entities, int quantities, int sources, int dimension,
                               int partitions, int threads, int instances, String guarantee, Integer commitIntervalMs,
                               double rate, List<Stage> stages, Duration stallTimeout) {

    public static final List<Stage> ALL_STAGES = List.of(Stage.BASELINE, Stage.FILTER, Stage.BASELINE_POSTERIORS, Stage.FUSION);

    public PipelineSettings {
        stages = List.copyOf(stages);
        require(records >= 1, "--records is " + records + ", must be at least 1");
        require(warmupRecords >= 0, "--warmup is " + warmupRecords + ", must not be negative");
        require(entities >= 1, "--entities is " + entities + ", must be at least 1");
        require(quantities >= 1, "--quantities is " + quantities + ", must be at least 1");
        require(sources >= 1, "--sources is " + sources + ", must be at least 1");
        require(dimension >= 1, "--dimension is " + dimension + ", must be at least 1");
        require(partitions >= 1, "--partitions is " + partitions + ", must be at least 1");
        require(threads >= 1, "--threads is " + threads + ", must be at least 1");
        require(instances >= 1, "--instances is " + instances + ", must be at least 1");
        StreamsOptions.check(guarantee, commitIntervalMs);
        require(rate >= 0, "--rate is " + rate + ", must not be negative (0: as fast as possible)");
        require(!stages.isEmpty(), "--stages is empty");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The commit interval Kafka Streams uses with these settings. */
    public int effectiveCommitIntervalMs() {
        return StreamsOptions.effectiveCommitIntervalMs(guarantee, commitIntervalMs);
    }

    public PipelineSettings withEntities(int newEntities) {
        return new PipelineSettings(records, warmupRecords, newEntities, quantities, sources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withRecords(long newRecords) {
        return new PipelineSettings(newRecords, warmupRecords, entities, quantities, sources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withWarmupRecords(long newWarmupRecords) {
        return new PipelineSettings(records, newWarmupRecords, entities, quantities, sources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withSources(int newSources) {
        return new PipelineSettings(records, warmupRecords, entities, quantities, newSources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withParallelism(int newThreads, int newInstances) {
        return new PipelineSettings(records, warmupRecords, entities, quantities, sources, dimension, partitions, newThreads,
                newInstances, guarantee, commitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withGuarantee(String newGuarantee, Integer newCommitIntervalMs) {
        return new PipelineSettings(records, warmupRecords, entities, quantities, sources, dimension, partitions, threads,
                instances, newGuarantee, newCommitIntervalMs, rate, stages, stallTimeout);
    }

    public PipelineSettings withRate(double newRate) {
        return new PipelineSettings(records, warmupRecords, entities, quantities, sources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, newRate, stages, stallTimeout);
    }

    public PipelineSettings withStages(List<Stage> newStages) {
        return new PipelineSettings(records, warmupRecords, entities, quantities, sources, dimension, partitions, threads,
                instances, guarantee, commitIntervalMs, rate, newStages, stallTimeout);
    }
}
