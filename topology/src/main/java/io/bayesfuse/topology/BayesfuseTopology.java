package io.bayesfuse.topology;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.TopicNames;
import io.bayesfuse.topology.filtering.EntityFilterProcessor;
import io.bayesfuse.topology.filtering.FilterSelection;
import io.bayesfuse.topology.filtering.FilterStage;
import io.bayesfuse.topology.filtering.MeasurementTimeExtractor;
import io.bayesfuse.topology.filtering.TrackedEntitySerde;
import io.bayesfuse.topology.live.ConfigGeneration;
import io.bayesfuse.topology.live.ConfigStoreUpdater;
import io.bayesfuse.topology.live.ConfigValidator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * Builds bayesfuse's Kafka Streams topology from a validated configuration:
 * <pre>
 * config ──► [validate] ──► config-validated ──► (global store on every instance)
 *                └──► dead-letters (INVALID_CONFIG)
 * measurements ──► [entity filter] ──► estimates
 *                       └──► dead-letters (via the processing exception handler)
 * </pre>
 */
public final class BayesfuseTopology {

    public static final String ENTITY_STORE = "bayesfuse-entities";
    public static final String CONFIG_STORE = "bayesfuse-config";
    public static final String ACCEPTED_CONFIG_STORE = "bayesfuse-config-accepted";

    /** Entities visited per punctuation (eviction, prediction ticks). */
    static final int SWEEP_BUDGET = 10_000;

    private final BayesfuseConfig config;
    private final Map<String, ?> serdeSettings;
    private final ConfigGeneration generation = new ConfigGeneration();

    /**
     * @param config        a validated configuration with a filter section
     * @param serdeSettings the Avro serdes' settings (schema registry URL, credentials...)
     */
    public BayesfuseTopology(BayesfuseConfig config, Map<String, ?> serdeSettings) {
        this.config = config;
        this.serdeSettings = serdeSettings;
    }

    public Topology build() {
        TopicNames topics = config.application().topicNames();
        Topology topology = new Topology();
        Serde<String> keys = Serdes.String();
        Serde<ConfigRecord> configRecords = avro(ConfigRecord.class);

        // live configuration: validated once, in order, then held by every instance
        StoreBuilder<KeyValueStore<String, ConfigRecord>> accepted = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ACCEPTED_CONFIG_STORE), keys, configRecords);
        topology.addSource("config-source", keys.deserializer(), configRecords.deserializer(), topics.config())
                .addProcessor("config-validate", () -> new ConfigValidator(config, ACCEPTED_CONFIG_STORE,
                        FilterSelection::compile), "config-source")
                .addStateStore(accepted, "config-validate")
                .addSink("config-validated-sink", topics.validatedConfig(), keys.serializer(), configRecords.serializer(),
                        "config-validate");
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CONFIG_STORE), keys, configRecords).withLoggingDisabled(),
                "config-validated-source", keys.deserializer(), configRecords.deserializer(), topics.validatedConfig(),
                "config-store", () -> new ConfigStoreUpdater(CONFIG_STORE, generation));

        // the filter stage
        FilterStage stage = new FilterStage(config, ENTITY_STORE, CONFIG_STORE, generation,
                config.application().idOrDefault(), config.application().siteOrDefault(), SWEEP_BUDGET);
        Serde<Measurement> measurements = avro(Measurement.class);
        Serde<Estimate> estimates = avro(Estimate.class);
        topology.addSource(Topology.AutoOffsetReset.EARLIEST, "measurements-source",
                        new MeasurementTimeExtractor(stage.maxFutureMillis()), keys.deserializer(),
                        measurements.deserializer(), topics.measurements())
                .addProcessor("entity-filter", () -> new EntityFilterProcessor(stage), "measurements-source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_STORE), keys,
                        new TrackedEntitySerde()), "entity-filter")
                .addSink("estimates-sink", topics.estimates(), keys.serializer(), estimates.serializer(), "entity-filter");
        return topology;
    }

    private <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(serdeSettings, false);
        return serde;
    }
}
