package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.learning.algebra.DensePrecision;

import java.util.Map;

/**
 * Settings of every online learner of a deployment ({@code learning:}).
 *
 * @param nd4jFromDimension from this number of weights on, a dense learner's block updates and solves
 *                          run on ND4J, below it in plain Java (default: the crossover measured on the
 *                          build machine, {@link DensePrecision#DEFAULT_ND4J_FROM_DIMENSION})
 * @param flushAfterMillis  a model's batch that is not full is learned once stream time (the newest record
 *                          timestamp of the partition) is this far past its first example: the commit interval
 *                          by default ({@code kafka.commit.interval.ms}, else Kafka Streams' default: 100 ms
 *                          under exactly once, 30 s under at least once), measured in stream time, never the
 *                          wall clock, so that a replay learns the same batches
 */
public record LearningConfig(Integer nd4jFromDimension, Long flushAfterMillis) {

    public static final LearningConfig DEFAULT = new LearningConfig(null, null);

    public int nd4jFromDimensionOrDefault() {
        return nd4jFromDimension == null ? DensePrecision.DEFAULT_ND4J_FROM_DIMENSION : nd4jFromDimension;
    }

    /** The flush interval of models without their own: this section's, else the commit interval of {@code kafka}. */
    public long flushAfterMillisOr(Map<String, String> kafka) {
        if (flushAfterMillis != null) {
            return flushAfterMillis;
        }
        String commit = kafka.get("commit.interval.ms");
        if (commit != null) {
            try {
                return Math.max(1, Long.parseLong(commit.trim()));
            } catch (NumberFormatException e) {
                // Kafka Streams refuses it at start-up with its own message
            }
        }
        return "at_least_once".equals(kafka.get("processing.guarantee")) ? 30_000 : 100;
    }

    void validate(String path, Problems problems) {
        if (nd4jFromDimension != null && nd4jFromDimension < 1) {
            problems.add(path + ".nd4jFromDimension", "is " + nd4jFromDimension + ", must be at least 1");
        }
        if (flushAfterMillis != null && flushAfterMillis < 1) {
            problems.add(path + ".flushAfterMillis", "is " + flushAfterMillis + ", must be at least 1");
        }
    }
}
