package io.bayesfuse.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of a model-size benchmark case ({@code bench models}).
 *
 * @param sources          sources per model, each sending every chunk of each version
 * @param versions         versions each source sends (version 1 is each source's first arrival, later ones replace it)
 * @param chunkValues      values per array in a chunk
 * @param partitions       partitions of every topic
 * @param guarantee        {@code exactly_once_v2} or {@code at_least_once}
 * @param commitIntervalMs Kafka Streams' commit interval, or null for its default
 * @param stallTimeout     give up when no output arrives for this long
 * @param seed             the seed of the models' values
 * @param streamsOverrides Kafka Streams settings applied last to both stages (e.g. input.buffer.max.bytes)
 */
public record ModelSettings(int sources, int versions, int chunkValues, int partitions, String guarantee, Integer commitIntervalMs,
                            Duration stallTimeout, long seed, Map<String, String> streamsOverrides) {

    public ModelSettings {
        streamsOverrides = Map.copyOf(streamsOverrides);
        require(sources >= 1, "--sources is " + sources + ", must be at least 1");
        require(versions >= 1, "--versions is " + versions + ", must be at least 1");
        require(chunkValues >= 1, "--chunk-values is " + chunkValues + ", must be at least 1");
        require(partitions >= 1, "--partitions is " + partitions + ", must be at least 1");
        StreamsOptions.check(guarantee, commitIntervalMs);
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
}
