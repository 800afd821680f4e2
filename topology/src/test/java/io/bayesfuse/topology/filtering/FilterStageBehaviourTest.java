package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.MeasurementModelSettings;
import io.bayesfuse.avro.SensorSettings;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.deadletter.KafkaRecordTimestamp;
import io.bayesfuse.topology.live.ConfigRecords;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter stage's behaviour on a broker-less driver: one behaviour per test. */
class FilterStageBehaviourTest {

    static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]], gate: {probability: 0.999}}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              outOfOrder: {historyMillis: 2000}
            entities: {ttlMillis: 60000, predictionTicks: {intervalMillis: 1000, idleMillis: 5000}}
            validation: {maxFutureMillis: 10000}
            """;

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

    private StageDriver driver(String yaml) {
        return new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir);
    }

    /** See {@link StageDriver}: undecodable input is tested at least once. */
    private StageDriver atLeastOnceDriver(String yaml) {
        return new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir,
                org.apache.kafka.streams.StreamsConfig.AT_LEAST_ONCE);
    }

    static Measurement gps(String entity, long time, double... z) {
        return Measurement.newBuilder().setEntityId(entity).setSensorId("gps").setTimestamp(Instant.ofEpochMilli(time))
                .setZ(Arrays.stream(z).boxed().toList()).build();
    }

    static void send(StageDriver d, Measurement m) {
        d.measurements.pipeInput(m.getEntityId(), m, m.getTimestamp() == null ? 0 : m.getTimestamp().toEpochMilli());
    }

    static void send(StageDriver d, Measurement m, long kafkaTimestamp) {
        d.measurements.pipeInput(m.getEntityId(), m, kafkaTimestamp);
    }

    @Test
    void eachMeasurementGivesOneEstimateWithItsLineage() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("t1", 1_000, 0.5, -0.2));
            send(d, gps("t1", 1_100, 0.6, -0.1));
            List<TestRecord<String, Estimate>> out = d.estimates.readRecordsToList();
            assertThat(out).extracting(TestRecord::key).containsExactly("t1", "t1");
            Estimate second = out.get(1).value();
            assertThat(second.getStatus()).isEqualTo(EstimateStatus.UPDATED);
            assertThat(second.getSensorId()).isEqualTo("gps");
            assertThat(second.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_100));
            assertThat(second.getLineage().getTopic()).isEqualTo(d.topics.measurements());
            assertThat(second.getLineage().getOffset()).isEqualTo(1);
            assertThat(second.getFilterType()).isEqualTo("kf");
            assertThat(second.getMotionModel()).isEqualTo("cv");
            assertThat(second.getNis()).isPositive();
            assertThat(second.getLogLikelihood()).isNotNull();
            assertThat(second.getCovariance().getRows()).isEqualTo(4);
        }
    }

    @Test
    void aLateMeasurementWithinTheHistoryIsRevised() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("t1", 1_000, 0, 0));
            send(d, gps("t1", 2_000, 1, 1));
            send(d, gps("t1", 1_500, 0.5, 0.5));
            List<Estimate> out = d.estimates.readValuesToList();
            assertThat(out).extracting(Estimate::getStatus)
                    .containsExactly(EstimateStatus.UPDATED, EstimateStatus.UPDATED, EstimateStatus.REVISED);
            Estimate revised = out.get(2);
            assertThat(revised.getTimestamp()).as("the newest state").isEqualTo(Instant.ofEpochMilli(2_000));
            assertThat(revised.getMeasurementTimestamp()).isEqualTo(Instant.ofEpochMilli(1_500));
        }
    }

    @Test
    void aMeasurementOlderThanTheHistoryIsDeadLetteredTooLateWithItsBytes() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("t1", 10_000, 0, 0));
            byte[] lateBytes = d.serde(Measurement.class).serializer().serialize(d.topics.measurements(), gps("t1", 7_000, 1, 1));
            d.rawMeasurements.pipeInput("t1".getBytes(), lateBytes, 7_000);
            assertThat(d.estimates.readValuesToList()).hasSize(1);
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_LATE);
            assertThat(letter.getMessage()).contains("t1").contains("2000 ms older");
            assertThat(bytes(letter.getValue())).isEqualTo(lateBytes);
            assertThat(new String(bytes(letter.getKey()))).isEqualTo("t1");
            assertThat(letter.getSourceTopic()).isEqualTo(d.topics.measurements());
            assertThat(letter.getSourceOffset()).isEqualTo(1);
        }
    }

    @Test
    void aDeadLetterCarriesTheRecordsKafkaTimestampNotTheMeasurementsEventTime() {
        try (StageDriver d = driver(CONFIG)) {
            Headers trace = new RecordHeaders().add("trace", new byte[]{1});
            d.measurements.pipeInput(new TestRecord<>("t1", gps("t1", 10_000, 0, 0), trace, 50_000L));
            send(d, gps("t1", 7_000, 1, 1), 60_000);

            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_LATE);
            assertThat(letter.getRecordTimestamp()).isEqualTo(Instant.ofEpochMilli(60_000));
            TestRecord<String, Estimate> estimate = single(d.estimates.readRecordsToList());
            assertThat(estimate.headers().lastHeader("trace")).as("the input's own headers are passed on").isNotNull();
            assertThat(estimate.headers().lastHeader(KafkaRecordTimestamp.HEADER)).isNull();
        }
    }

    @Test
    void aMeasurementWithoutAKeyIsDeadLetteredAsHavingNoKey() {
        try (StageDriver d = driver(CONFIG)) {
            d.measurements.pipeInput(null, gps("t1", 1_000, 0, 0), 1_000);
            DeadLetter letter = single(d.deadLetters.readValuesToList());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.KEY_MISMATCH);
            assertThat(letter.getMessage()).isEqualTo("measurement of entity 't1' arrived with no key: measurements must be "
                    + "keyed by their entity id");
        }
    }

    @Test
    void everyValidationFailureIsDeadLetteredWithItsReasonAndTheStageCarriesOn() {
        try (StageDriver d = atLeastOnceDriver(CONFIG)) {
            send(d, gps("t1", 1_000, 0, 0));
            send(d, Measurement.newBuilder(gps("t1", 1_100, 0, 0)).setSensorId("sonar").build());
            send(d, gps("t1", 1_200, 1, 2, 3));
            send(d, gps("t1", 1_300, Double.NaN, 0));
            send(d, Measurement.newBuilder(gps("t1", 1_400, 0, 0))
                    .setR(new FullCovariance(new Matrix(2, 2, List.of(1.0, 2.0, 2.0, 1.0)))).build());
            send(d, Measurement.newBuilder(gps("t1", 1_500, 0, 0)).setR(new DiagonalCovariance(List.of(1.0))).build());
            send(d, Measurement.newBuilder(gps("t1", 0, 0, 0)).setTimestamp(null).build());
            Measurement future = gps("t1", 100_000, 0, 0);
            d.measurements.pipeInput("t1", future, 1_600);
            d.measurements.pipeInput("t2", gps("t1", 1_700, 0, 0), 1_700);
            d.rawMeasurements.pipeInput("t1".getBytes(), new byte[]{7, 1, 2, 3}, 1_800);
            byte[] valid = d.serde(Measurement.class).serializer().serialize(d.topics.measurements(), gps("t1", 1_900, 0, 0));
            byte[] unknownId = valid.clone();
            unknownId[1] = 0x7f;
            d.rawMeasurements.pipeInput("t1".getBytes(), unknownId, 1_900);
            send(d, gps("t1", 2_000, 0.1, 0.1));

            assertThat(d.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly(
                    DeadLetterReason.UNKNOWN_SENSOR, DeadLetterReason.WRONG_DIMENSION, DeadLetterReason.NON_FINITE,
                    DeadLetterReason.NOT_POSITIVE_DEFINITE, DeadLetterReason.WRONG_DIMENSION,
                    DeadLetterReason.MISSING_TIMESTAMP, DeadLetterReason.FUTURE_TIMESTAMP, DeadLetterReason.KEY_MISMATCH,
                    DeadLetterReason.DESERIALIZATION_ERROR, DeadLetterReason.DESERIALIZATION_ERROR);
            assertThat(d.estimates.readValuesToList()).extracting(e -> e.getTimestamp().toEpochMilli())
                    .as("only the valid measurements were applied").containsExactly(1_000L, 2_000L);
        }
    }

    @Test
    void deadLettersSayWhatWasWrong() {
        try (StageDriver d = atLeastOnceDriver(CONFIG)) {
            send(d, Measurement.newBuilder(gps("t1", 1_100, 0, 0)).setSensorId("sonar").build());
            d.rawMeasurements.pipeInput("t1".getBytes(), new byte[]{7, 1, 2, 3}, 1_800);
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters.get(0).getMessage()).contains("'sonar' is not a configured sensor").contains("gps");
            assertThat(letters.get(1).getMessage()).containsIgnoringCase("magic byte");
            assertThat(bytes(letters.get(1).getValue())).containsExactly(7, 1, 2, 3);
        }
    }

    @Test
    void aSensorAddedThroughTheConfigTopicServesTheNextMeasurement() {
        try (StageDriver d = driver(CONFIG)) {
            Measurement tag = Measurement.newBuilder(gps("t1", 1_000, 0, 0)).setSensorId("tag").build();
            send(d, tag);
            assertThat(single(d.deadLetters.readValuesToList()).getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SENSOR);

            d.config.pipeInput("sensor/tag", sensor("tag", 1.0));
            send(d, Measurement.newBuilder(tag).setTimestamp(Instant.ofEpochMilli(1_100)).build());
            assertThat(d.deadLetters.readValuesToList()).isEmpty();
            assertThat(single(d.estimates.readValuesToList()).getSensorId()).isEqualTo("tag");
        }
    }

    @Test
    void aChangedRTakesEffectForTheNextMeasurement() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("a", 1_000, 3, 3));
            double trustedLess = single(d.estimates.readValuesToList()).getCovariance().getValues().get(0);
            d.config.pipeInput("sensor/gps", sensor("gps", 0.25));
            send(d, gps("b", 1_000, 3, 3));
            double trustedMore = single(d.estimates.readValuesToList()).getCovariance().getValues().get(0);
            // P = (P0⁻¹ + R⁻¹)⁻¹ for the first measurement: 25·4/29 before, 25·0.25/25.25 after
            assertThat(trustedLess).isCloseTo(100.0 / 29, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(trustedMore).isCloseTo(6.25 / 25.25, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void anInvalidConfigRecordIsDeadLetteredAndTheLastGoodConfigurationStays() {
        try (StageDriver d = driver(CONFIG)) {
            ConfigRecord badR = sensor("gps", 1.0);
            ((SensorSettings) badR.getSettings()).setR(new Matrix(3, 3, List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)));
            d.config.pipeInput("sensor/gps", badR);
            d.config.pipeInput("sensor/other", sensor("gps", 1.0));
            List<DeadLetter> letters = d.deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.INVALID_CONFIG);
            assertThat(letters.get(0).getMessage()).contains("sensors.gps.R").contains("3x3");
            assertThat(letters.get(1).getMessage()).contains("sensor/other").contains("'gps'");

            send(d, gps("a", 1_000, 3, 3));
            assertThat(single(d.estimates.readValuesToList()).getCovariance().getValues().get(0))
                    .as("still R = 4I").isCloseTo(100.0 / 29, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(d.driver.createOutputTopic(d.topics.validatedConfig(), org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                    d.serde(ConfigRecord.class).deserializer()).readValuesToList()).isEmpty();
        }
    }

    @Test
    void aConfigTombstoneRestoresTheFilesValue() {
        try (StageDriver d = driver(CONFIG)) {
            d.config.pipeInput("sensor/gps", sensor("gps", 0.25));
            d.config.pipeInput("sensor/gps", (ConfigRecord) null);
            send(d, gps("a", 1_000, 3, 3));
            assertThat(single(d.estimates.readValuesToList()).getCovariance().getValues().get(0))
                    .isCloseTo(100.0 / 29, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void entitiesIdleLongerThanTheirTtlAreEvicted() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("old", 1_000, 0, 0));
            send(d, gps("young", 50_000, 0, 0));
            var store = d.driver.<String, TrackedEntity>getKeyValueStore(io.bayesfuse.topology.BayesfuseTopology.ENTITY_STORE);
            assertThat(store.get("old")).isNotNull();
            send(d, gps("young", 70_000, 0, 0));   // stream time passes old's TTL
            assertThat(store.get("old")).isNull();
            assertThat(store.get("young")).isNotNull();
        }
    }

    @Test
    void aTombstoneDeletesTheEntity() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("t1", 1_000, 0, 0));
            d.measurements.pipeInput("t1", null, 1_100);
            assertThat(d.driver.getKeyValueStore(io.bayesfuse.topology.BayesfuseTopology.ENTITY_STORE).get("t1")).isNull();
            assertThat(d.deadLetters.readValuesToList()).isEmpty();
        }
    }

    @Test
    void quietEntitiesArePredictedAtTheStreamTimeTickBeforeTheNextRecord() {
        try (StageDriver d = driver(CONFIG)) {
            send(d, gps("quiet", 1_000, 0, 0));
            d.estimates.readValuesToList();
            send(d, gps("busy", 9_400, 0, 0));   // stream time 9 400: tick 9 000, quiet for more than 5 s
            List<Estimate> out = d.estimates.readValuesToList();
            assertThat(out).extracting(Estimate::getEntityId).containsExactly("quiet", "busy");
            Estimate tick = out.get(0);
            assertThat(tick.getStatus()).isEqualTo(EstimateStatus.PREDICTED);
            assertThat(tick.getTimestamp()).as("predicted to the tick").isEqualTo(Instant.ofEpochMilli(9_000));
            assertThat(tick.getCovariance().getValues().get(0)).as("uncertainty grew").isGreaterThan(100.0 / 29);
            assertThat(tick.getSensorId()).isNull();
            assertThat(tick.getLineage()).isNull();
            d.driver.advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(d.estimates.readValuesToList()).as("the wall clock publishes nothing").isEmpty();
        }
    }

    @Test
    void entityClassesChooseTheirOwnFilterAndAClassChangeResetsTheEntity() {
        String yaml = CONFIG + """
                entityClasses:
                  drones:
                    attribute: kind
                    value: drone
                    filter:
                      type: ukf
                      motionModel: cv
                      initial: {x: [0, 0, 0, 0], P: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}
                """;
        try (StageDriver d = driver(yaml)) {
            send(d, gps("d1", 1_000, 0, 0));
            send(d, Measurement.newBuilder(gps("d1", 1_100, 0, 0)).setAttributes(Map.of("kind", "drone")).build());
            List<Estimate> out = d.estimates.readValuesToList();
            assertThat(out.get(0).getFilterType()).isEqualTo("kf");
            assertThat(out.get(0).getEntityClass()).isNull();
            assertThat(out.get(1).getFilterType()).isEqualTo("ukf");
            assertThat(out.get(1).getEntityClass()).isEqualTo("drones");
            assertThat(out.get(1).getStatus()).isEqualTo(EstimateStatus.RESET);
            assertThat(out.get(1).getMessage()).contains("entity class 'drones'").contains("the default filter");
        }
    }

    @Test
    void estimatesNisAndDeadLettersAreCounted() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        try (StageDriver d = driver(CONFIG.replace("entities:", "application: {id: metrics-test}\nentities:"))) {
            send(d, gps("t1", 1_000, 0, 0));
            send(d, gps("t1", 1_100, 0.1, 0));
            send(d, gps("t1", 1_200, 500, 500));       // far outside the gate
            send(d, Measurement.newBuilder(gps("t1", 1_300, 0, 0)).setSensorId("sonar").build());
            assertThat(registry.get("bayesfuse.filter.estimates").tags("application", "metrics-test", "status", "UPDATED", "sensor", "gps")
                    .counter().count()).isEqualTo(2);
            assertThat(registry.get("bayesfuse.filter.estimates").tags("application", "metrics-test", "status", "REJECTED")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("bayesfuse.filter.nis").tags("application", "metrics-test", "sensor", "gps")
                    .summary().count()).isEqualTo(3);
            assertThat(registry.get("bayesfuse.dead.letters").tags("application", "metrics-test", "reason", "UNKNOWN_SENSOR")
                    .counter().count()).isEqualTo(1);
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }
    }

    @Test
    void theSameInputGivesByteIdenticalOutput() {
        List<byte[]> first = run(stateDir.resolve("first"));
        List<byte[]> second = run(stateDir.resolve("second"));
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("record " + i).isEqualTo(first.get(i));
        }
    }

    private List<byte[]> run(Path state) {
        try (StageDriver d = new StageDriver(ConfigLoader.parse(CONFIG, "test"), registry.url(), state)) {
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 300; i++) {
                long t = 1_000 + i * 50L + (i % 7 == 0 ? -400 : 0);
                send(d, gps("e" + (i % 5), t, random.nextGaussian(), random.nextGaussian()));
            }
            var raw = d.driver.createOutputTopic(d.topics.estimates(), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            List<byte[]> out = new ArrayList<>();
            raw.readValuesToList().forEach(out::add);
            assertThat(out).hasSize(300);
            return out;
        }
    }

    @Test
    void aRestartedStageContinuesExactlyWhereItsChangelogLeftOff() {
        BayesfuseConfig config = ConfigLoader.parse(CONFIG, "test");
        List<Estimate> uninterrupted;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("reference"))) {
            for (int i = 0; i < 20; i++) {
                send(d, gps("t" + (i % 3), 1_000 + i * 100L, i * 0.1, -i * 0.1));
            }
            uninterrupted = d.estimates.readValuesToList();
        }
        // first run: half the input; keep the changelog exactly as the stage wrote it
        List<Estimate> resumed = new ArrayList<>();
        List<TestRecord<String, byte[]>> changelog;
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("first"))) {
            for (int i = 0; i < 10; i++) {
                send(d, gps("t" + (i % 3), 1_000 + i * 100L, i * 0.1, -i * 0.1));
            }
            resumed.addAll(d.estimates.readValuesToList());
            changelog = d.driver.createOutputTopic(ENTITY_CHANGELOG,
                    org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
        }
        assertThat(changelog).isNotEmpty();
        // a new instance: its store is rebuilt from the changelog's bytes, as Kafka Streams restores it
        try (StageDriver d = new StageDriver(config, registry.url(), stateDir.resolve("second"))) {
            var store = d.driver.<String, TrackedEntity>getKeyValueStore(io.bayesfuse.topology.BayesfuseTopology.ENTITY_STORE);
            TrackedEntitySerde serde = new TrackedEntitySerde();
            for (TestRecord<String, byte[]> r : changelog) {
                store.put(r.key(), serde.deserializer().deserialize(ENTITY_CHANGELOG, r.value()));
            }
            for (int i = 10; i < 20; i++) {
                send(d, gps("t" + (i % 3), 1_000 + i * 100L, i * 0.1, -i * 0.1));
            }
            resumed.addAll(d.estimates.readValuesToList());
        }
        assertThat(resumed).hasSize(20);
        assertThat(resumed).extracting(Estimate::getMean).containsExactlyElementsOf(
                uninterrupted.stream().map(Estimate::getMean).toList());
        assertThat(resumed).extracting(Estimate::getCovariance).containsExactlyElementsOf(
                uninterrupted.stream().map(Estimate::getCovariance).toList());
    }

    static final String ENTITY_CHANGELOG = "bayesfuse-" + io.bayesfuse.topology.BayesfuseTopology.ENTITY_STORE + "-changelog";

    static ConfigRecord sensor(String id, double variance) {
        return ConfigRecord.newBuilder().setKind(ConfigKind.SENSOR).setId(id)
                .setSettings(SensorSettings.newBuilder()
                        .setMeasurement(MeasurementModelSettings.newBuilder().setType("position").build())
                        .setR(new Matrix(2, 2, List.of(variance, 0.0, 0.0, variance)))
                        .build())
                .build();
    }

    static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    static String key(ConfigKind kind, String id) {
        return ConfigRecords.key(kind, id);
    }
}
