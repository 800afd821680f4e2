package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.production.RecordSizeLimits;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An output larger than its topic accepts is refused before it is sent, and the input record that
 * produced it is dead-lettered PRODUCTION_ERROR; the stage carries on with the next records.
 */
class ProductionErrorStageTest {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
            """;
    /** Fits an estimate of a short entity id (about 600 bytes with Kafka's framing), not one whose id is 2,000 characters. */
    private static final int ESTIMATES_LIMIT = 2_000;
    private static final String LONG_ID = "x".repeat(2_000);

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private StageDriver driver(String guarantee) {
        var config = ConfigLoader.parse(CONFIG, "test");
        return new StageDriver(config, registry.url(), stateDir, Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                RecordSizeLimits.topicLimitSetting(config.application().topicNames().estimates()), ESTIMATES_LIMIT));
    }

    private static Measurement gps(String entity, long time) {
        return Measurement.newBuilder().setEntityId(entity).setSensorId("gps").setTimestamp(Instant.ofEpochMilli(time))
                .setZ(List.of(1.0, 2.0)).build();
    }

    @Test
    void anEstimateTooLargeForItsTopicIsDeadLetteredProductionErrorAndLaterRecordsAreProcessed() {
        try (StageDriver d = driver(StreamsConfig.EXACTLY_ONCE_V2)) {
            d.measurements.pipeInput("t1", gps("t1", 1_000), 1_000);
            d.measurements.pipeInput(LONG_ID, gps(LONG_ID, 1_100), 1_100);
            d.measurements.pipeInput("t1", gps("t1", 1_200), 1_200);
            d.measurements.pipeInput("t2", gps("t2", 1_300), 1_300);

            List<TestRecord<String, Estimate>> estimates = d.estimates.readRecordsToList();
            assertThat(estimates).extracting(TestRecord::key).containsExactly("t1", "t1", "t2");
            List<TestRecord<byte[], DeadLetter>> dead = d.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            DeadLetter letter = dead.get(0).value();
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PRODUCTION_ERROR);
            assertThat(letter.getSourceTopic()).isEqualTo(d.topics.measurements());
            assertThat(letter.getSourceOffset()).isEqualTo(1);
            assertThat(letter.getMessage()).contains("topic '" + d.topics.estimates() + "'", "max.message.bytes",
                    "max.request.size");
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(LONG_ID);
            assertThat(letter.getValue()).as("the input's original bytes").isNotNull();
        }
    }

    @Test
    void theEntityStateIsKeptWhenOnlyItsEstimateCouldNotBePublished() {
        try (StageDriver d = driver(StreamsConfig.EXACTLY_ONCE_V2)) {
            d.measurements.pipeInput(LONG_ID, gps(LONG_ID, 1_000), 1_000);
            assertThat(d.driver.<String, Object>getKeyValueStore("bayesfuse-entities").get(LONG_ID)).isNotNull();
            assertThat(d.deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
                    .containsExactly(DeadLetterReason.PRODUCTION_ERROR);
        }
    }

    @Test
    void aDeadLetterTooLargeWithTheOriginalBytesKeepsTheCoordinatesWithoutThem() {
        var config = ConfigLoader.parse(CONFIG, "test");
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir, Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                RecordSizeLimits.topicLimitSetting(config.application().topicNames().deadLetters()), 1_500))) {
            byte[] undecodable = new byte[3_000];
            undecodable[0] = 7;
            d.rawMeasurements.pipeInput("t1".getBytes(StandardCharsets.UTF_8), undecodable, 1_000L);
            DeadLetter letter = d.deadLetters.readValuesToList().get(0);
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_ERROR);
            assertThat(letter.getValue()).isNull();
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(letter.getMessage()).contains("left out", "3000 bytes");
        }
    }
}
