package io.bayesfuse.topology;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.Problems;
import io.bayesfuse.topology.deadletter.DeadLetterDeserializationHandler;
import io.bayesfuse.topology.deadletter.DeadLetterProcessingHandler;
import io.bayesfuse.topology.deadletter.DeadLetterProductionHandler;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        // the global store's processor too (Kafka 5.0's default; without it a bad record there would stop the instance)
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (!config.kafka().containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            // an unprefixed batch.size in the kafka section would lose to a prefixed default
            settings.putAll(producerDefaults());
        }
        settings.putAll(config.schemaRegistry());
        settings.putAll(config.kafka());
        return settings;
    }

    /**
     * The producer settings bayesfuse changes from Kafka Streams' defaults (the {@code kafka} section
     * may set them otherwise): batches of up to {@value #PRODUCER_BATCH_BYTES} bytes instead of 16 KB.
     * An estimate is about 300 bytes and its entity's state about 200, so 16 KB batches hold only
     * some 50 records and the broker handles several batches per partition and commit; larger
     * batches (the producer sends them at each commit, whatever their size) cost the broker and the
     * producer less per record. A topic that accepts less than a batch loses nothing: the producer
     * splits a batch the broker refuses as too large.
     */
    public static Map<String, Object> producerDefaults() {
        return Map.of(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    }

    /** The producers' default batch size, bytes. */
    public static final int PRODUCER_BATCH_BYTES = 131_072;

    /**
     * The settings of one instance of a deployment: {@link #of} plus {@code application.server}
     * from the {@code http} section (how other instances reach this one's interactive queries),
     * checked as Kafka Streams would check them.
     *
     * @param httpPort the port the HTTP server actually listens on
     * @throws ConfigException naming the setting when one is missing or invalid
     */
    public static Map<String, Object> forInstance(BayesfuseConfig config, int httpPort) {
        Problems problems = new Problems();
        if (config.kafka().containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG)) {
            problems.add("kafka." + StreamsConfig.APPLICATION_SERVER_CONFIG, "is derived from http.advertisedHost and "
                    + "http.port; set those instead");
        }
        if (blank(config.kafka().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))) {
            problems.add("kafka." + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "is required: the Kafka brokers to connect to "
                    + "(or set BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (blank(config.schemaRegistry().get("schema.registry.url"))) {
            problems.add("schemaRegistry.schema.registry.url", "is required: the Confluent-compatible schema registry "
                    + "(or set BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL)");
        }
        problems.throwIfAny();
        Map<String, Object> settings = of(config);
        settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.http().advertisedHostOrDefault() + ":" + httpPort);
        try {
            new StreamsConfig(settings);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException("kafka", e.getMessage());
        }
        return settings;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The settings the Avro serdes need (the registry's), from the Streams settings. */
    public static Map<String, Object> serdeSettings(Map<String, Object> streamsSettings) {
        return new HashMap<>(streamsSettings);
    }
}
