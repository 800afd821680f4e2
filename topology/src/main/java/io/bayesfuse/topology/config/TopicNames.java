package io.bayesfuse.topology.config;

/**
 * The names of bayesfuse's topics.
 *
 * @param changepoints changes detected on sensors (key: sensor id, value: Changepoint)
 * @param smoothed     fixed-lag smoothed estimates (key: entity id, value: Estimate with status SMOOTHED)
 */
public record TopicNames(String measurements, String posteriorUpdates, String config, String estimates,
                         String fused, String deadLetters, String changepoints, String smoothed) {

    /** The internal compacted topic holding the configuration records that passed validation. */
    public String validatedConfig() {
        return config + "-validated";
    }
}
