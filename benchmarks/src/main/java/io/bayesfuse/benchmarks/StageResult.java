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
 * @param cpu              CPU time of the process running the stage over the measured window (with the
 *                         embedded broker when it is in the same process), and its JIT compilers' part
 */
public record StageResult(Stage stage, long records, long outputs, double seconds, double recordsPerSecond,
                          LatencySummary latency, long stateStoreBytes, long deadLetters, CpuTime cpu) {

    /** CPU microseconds per output record without the JIT compilers' time; 0 without outputs. */
    public double cpuMicrosPerRecord() {
        return outputs == 0 ? 0 : cpu.workSeconds() * 1e6 / outputs;
    }
}
