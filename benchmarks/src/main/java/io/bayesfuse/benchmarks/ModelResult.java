package io.bayesfuse.benchmarks;

/**
 * What one model-size case achieved.
 *
 * @param stage               {@code fusion} (the chunk fusion stage) or {@code baseline-chunks} (the same chunks forwarded
 *                            by the baseline topology)
 * @param parameters          the model's parameter count (d)
 * @param chunks              chunks per source version
 * @param chunkRecords        chunk records sent (chunks x sources x versions)
 * @param outputs             output records seen by the read_committed consumer
 * @param deadLetters         records dead-lettered
 * @param seconds             from the first chunk sent to the last output seen
 * @param parametersPerSecond parameters x source updates (sources x versions) / seconds
 * @param heap                the JVM's heap high-water marks from before Kafka Streams started to the last output seen
 * @param stateStoreBytes     the state directory's size on disk after Kafka Streams closed
 * @param check               the consistency check of the fused chunks (fusion only; null for the baseline)
 */
public record ModelResult(String stage, long parameters, int chunks, long chunkRecords, long outputs, long deadLetters, double seconds,
                          double parametersPerSecond, HeapWatermark.Reading heap, long stateStoreBytes, FusedChunkCheck.Result check) {

    public double chunkRecordsPerSecond() {
        return ThroughputMeter.recordsPerSecond(outputs, seconds);
    }
}
