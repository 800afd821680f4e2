package io.bayesfuse.topology;

import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A {@link TopologyTestDriver} around bayesfuse's topology, with Avro serdes against a real
 * in-process schema registry, typed input topics and typed output topics.
 */
public final class StageDriver implements AutoCloseable {

    public final TopologyTestDriver driver;
    public final TopicNames topics;
    public final TestInputTopic<String, Measurement> measurements;
    public final TestInputTopic<byte[], byte[]> rawMeasurements;
    public final TestInputTopic<String, ConfigRecord> config;
    public final TestOutputTopic<String, Estimate> estimates;
    public final TestOutputTopic<byte[], DeadLetter> deadLetters;
    public final TestInputTopic<String, PosteriorUpdate> posteriorUpdates;
    public final TestInputTopic<byte[], byte[]> rawPosteriorUpdates;
    public final TestOutputTopic<String, FusedPosterior> fused;
    public final TestOutputTopic<String, Estimate> smoothed;
    public final TestOutputTopic<String, Changepoint> changepoints;
    private final Map<String, Object> serdeSettings;

    public StageDriver(BayesfuseConfig config, String registryUrl, Path stateDir) {
        this(config, registryUrl, stateDir, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /**
     * @param guarantee the processing guarantee. The test driver loses the dead letters that the
     *                  deserialization handler sends under exactly-once (they are sent before the
     *                  task's transaction begins, and the driver discards uncommitted sends); a real
     *                  broker commits them with the task's next commit (integration tests). Tests
     *                  of undecodable input therefore run at least once.
     */
    public StageDriver(BayesfuseConfig config, String registryUrl, Path stateDir, String guarantee) {
        this(config, registryUrl, stateDir, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee));
    }

    /** @param extraSettings Kafka Streams settings that win over the configuration's (e.g. topic size limits) */
    public StageDriver(BayesfuseConfig config, String registryUrl, Path stateDir, Map<String, Object> extraSettings) {
        this.topics = config.application().topicNames();
        Map<String, Object> settings = StreamsSettings.of(config);
        settings.putAll(extraSettings);
        settings.put("schema.registry.url", registryUrl);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.serdeSettings = new HashMap<>(settings);
        Properties props = new Properties();
        props.putAll(settings);
        this.driver = new TopologyTestDriver(new BayesfuseTopology(config, serdeSettings).build(), props,
                Instant.ofEpochMilli(0));
        this.measurements = driver.createInputTopic(topics.measurements(), Serdes.String().serializer(),
                serde(Measurement.class).serializer());
        this.rawMeasurements = driver.createInputTopic(topics.measurements(), new ByteArraySerializer(), new ByteArraySerializer());
        this.config = driver.createInputTopic(topics.config(), Serdes.String().serializer(), serde(ConfigRecord.class).serializer());
        this.estimates = driver.createOutputTopic(topics.estimates(), Serdes.String().deserializer(),
                serde(Estimate.class).deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), Serdes.ByteArray().deserializer(),
                serde(DeadLetter.class).deserializer());
        this.posteriorUpdates = driver.createInputTopic(topics.posteriorUpdates(), Serdes.String().serializer(),
                serde(PosteriorUpdate.class).serializer());
        this.rawPosteriorUpdates = driver.createInputTopic(topics.posteriorUpdates(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.fused = driver.createOutputTopic(topics.fused(), Serdes.String().deserializer(),
                serde(FusedPosterior.class).deserializer());
        this.smoothed = driver.createOutputTopic(topics.smoothed(), Serdes.String().deserializer(),
                serde(Estimate.class).deserializer());
        this.changepoints = driver.createOutputTopic(topics.changepoints(), Serdes.String().deserializer(),
                serde(Changepoint.class).deserializer());
    }

    /** An input topic of Avro values, e.g. another deployment's estimates. */
    public <T extends SpecificRecord> TestInputTopic<String, T> input(String topic, Class<T> type) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), serde(type).serializer());
    }

    /** An output topic of Avro values, e.g. the posterior updates the track publisher writes. */
    public <T extends SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), serde(type).deserializer());
    }

    public <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(serdeSettings, false);
        return serde;
    }

    @Override
    public void close() {
        driver.close();
    }
}
