package io.bayesfuse.benchmarks;

/**
 * What one stage achieved.
 *
 * @param stage            the stage
 * @param records          measured input records
 * @param outputs          measured output records seen by the read_committed consumer
 * @param seconds          from the first measured input sent to the last output seen
 * @param recordsPerSecond outputs / seconds
 * @param latency          produce time to read_committed visibility
 * @param stateStoreBytes  the state directories' size on disk after the run (all instances)
 * @param deadLetters      records the stage dead-lettered (warm-up included)
 */
public record StageResult(Stage stage, long records, long outputs, double seconds, double recordsPerSecond,
                          LatencySummary latency, long stateStoreBytes, long deadLetters) {
}
