package io.bayesfuse.topology;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.deadletter.DeadLetterDeserializationHandler;
import io.bayesfuse.topology.deadletter.DeadLetterProcessingHandler;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka Streams settings of a configuration: bayesfuse's defaults (exactly once, the
 * dead-letter handlers and topic), then the file's {@code schemaRegistry} and {@code kafka}
 * sections, which win.
 */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Map<String, Object> of(BayesfuseConfig config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, config.application().idOrDefault());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.application().topicNames().deadLetters());
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        // the global store's processor too (Kafka 5.0's default; without it a bad record there would stop the instance)
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        settings.putAll(config.schemaRegistry());
        settings.putAll(config.kafka());
        return settings;
    }

    /** The settings the Avro serdes need (the registry's), from the Streams settings. */
    public static Map<String, Object> serdeSettings(Map<String, Object> streamsSettings) {
        return new HashMap<>(streamsSettings);
    }
}
