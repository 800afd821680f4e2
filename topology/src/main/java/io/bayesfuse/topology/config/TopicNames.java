package io.bayesfuse.topology.config;

/** The names of bayesfuse's topics. */
public record TopicNames(String measurements, String posteriorUpdates, String config, String estimates,
                         String fused, String deadLetters) {

    /** The internal compacted topic holding the configuration records that passed validation. */
    public String validatedConfig() {
        return config + "-validated";
    }
}
