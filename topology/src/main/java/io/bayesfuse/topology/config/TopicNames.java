package io.bayesfuse.topology.config;

/**
 * The names of bayesfuse's topics.
 *
 * @param changepoints changes detected on sensors (key: sensor id, value: Changepoint)
 * @param smoothed        fixed-lag smoothed estimates (key: entity id, value: Estimate with status SMOOTHED)
 * @param posteriorChunks chunks of posteriors too large for one record (key: quantityId#chunkIndex, value: PosteriorChunk)
 * @param fusedChunks     the fused chunks (key: quantityId#chunkIndex, value: FusedChunk)
 * @param detections      unlabelled detection scans (key: region, value: DetectionScan)
 * @param tracks          the tracks of the tracking stage (key: track id, value: Estimate with a track status)
 * @param truth           true target states from a simulator or a reference (key: region or entity id, value: Truth)
 * @param examples        labelled examples for the online learners (key: model id, value: Example)
 */
public record TopicNames(String measurements, String posteriorUpdates, String config, String estimates,
                         String fused, String deadLetters, String changepoints, String smoothed,
                         String posteriorChunks, String fusedChunks,
                         String detections, String tracks, String truth, String examples) {

    /** The internal compacted topic holding the configuration records that passed validation. */
    public String validatedConfig() {
        return config + "-validated";
    }
}
