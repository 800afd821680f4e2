package io.bayesfuse.it;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.app.Clients;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods of records mixing valid ones with every kind of invalid one: 10,000 measurements, and 5,000
 * posterior updates (stale versions among them). Every invalid record appears on the dead-letter
 * topic with the right reason and its coordinates, every valid one gives exactly one estimate or
 * fused posterior, and the application stays up.
 */
class BadInputFloodIT {

    private static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              outOfOrder: {historyMillis: 1000}
            validation: {maxFutureMillis: 60000}
            """;

    private static final int RECORDS = 10_000;
    private static final int ENTITIES = 50;

    private static final String FUSION_CONFIG = """
            fusion:
              method: product
              prior: {mean: [0, 0], covariance: [[4, 0], [0, 4]]}
            validation: {maxFutureMillis: 60000}
            """;

    private static final int UPDATES = 5_000;
    private static final int QUANTITIES = 20;
    private static final int SOURCES = 3;

    private record Coordinates(int partition, long offset) {
    }

    @Test
    void everyInvalidRecordIsDeadLetteredWithItsReasonAndEveryValidOneIsFiltered() throws Exception {
        try (AppUnderTest app = AppUnderTest.start(TestEnvironments.current(), "flood", CONFIG);
             KafkaProducer<byte[], byte[]> producer = Clients.rawProducer(app)) {
            SpecificAvroSerializer<Measurement> avro = new SpecificAvroSerializer<>();
            avro.configure(Map.of("schema.registry.url", app.registryUrl()), false);
            String topic = app.topics.measurements();

            Random random = new Random(7);
            long[] newest = new long[ENTITIES];
            Map<Coordinates, DeadLetterReason> expectedDead = new HashMap<>();
            Set<Coordinates> valid = new HashSet<>();
            Map<DeadLetterReason, Integer> kinds = new EnumMap<>(DeadLetterReason.class);
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            List<DeadLetterReason> reasons = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                int e = random.nextInt(ENTITIES);
                String entity = "e" + e;
                byte[] key = entity.getBytes(StandardCharsets.UTF_8);
                long t = newest[e] == 0 ? 1_000_000 + e : newest[e] + 100 + random.nextInt(400);
                Measurement.Builder m = Measurement.newBuilder().setEntityId(entity).setSensorId("gps")
                        .setTimestamp(Instant.ofEpochMilli(t)).setZ(List.of(random.nextGaussian(), random.nextGaussian()));
                double dice = random.nextDouble();
                DeadLetterReason reason = null;
                byte[] value;
                long recordTime = t;
                if (dice < 0.60) {
                    value = avro.serialize(topic, m.build());
                    newest[e] = t;
                } else if (dice < 0.65) {
                    reason = DeadLetterReason.DESERIALIZATION_ERROR;
                    value = new byte[1 + random.nextInt(40)];
                    random.nextBytes(value);
                    value[0] = (byte) (1 + random.nextInt(100));   // never a valid magic byte
                } else if (dice < 0.69) {
                    reason = DeadLetterReason.DESERIALIZATION_ERROR;
                    value = avro.serialize(topic, m.build());
                    value[0] = 1;                                  // wrong magic byte
                } else if (dice < 0.73) {
                    reason = DeadLetterReason.DESERIALIZATION_ERROR;
                    value = avro.serialize(topic, m.build());
                    value[1] = 0x7f;                               // a schema id no one registered
                } else if (dice < 0.77) {
                    reason = DeadLetterReason.UNKNOWN_SENSOR;
                    value = avro.serialize(topic, m.setSensorId("sonar").build());
                } else if (dice < 0.81) {
                    reason = DeadLetterReason.WRONG_DIMENSION;
                    value = avro.serialize(topic, m.setZ(List.of(1.0, 2.0, 3.0)).build());
                } else if (dice < 0.85) {
                    reason = DeadLetterReason.NON_FINITE;
                    value = avro.serialize(topic, m.setZ(List.of(Double.NaN, 1.0)).build());
                } else if (dice < 0.89) {
                    reason = DeadLetterReason.NOT_POSITIVE_DEFINITE;
                    value = avro.serialize(topic, m.setR(new FullCovariance(new Matrix(2, 2, List.of(1.0, 2.0, 2.0, 1.0)))).build());
                } else if (dice < 0.92) {
                    reason = DeadLetterReason.MISSING_TIMESTAMP;
                    value = avro.serialize(topic, m.setTimestamp(null).build());
                } else if (dice < 0.95) {
                    reason = DeadLetterReason.FUTURE_TIMESTAMP;
                    value = avro.serialize(topic, m.setTimestamp(Instant.ofEpochMilli(t + 600_000)).build());
                } else if (dice < 0.98) {
                    reason = DeadLetterReason.KEY_MISMATCH;
                    value = avro.serialize(topic, m.setEntityId("someone-else").build());
                } else if (newest[e] > 0) {
                    reason = DeadLetterReason.TOO_LATE;
                    recordTime = newest[e] - 5_000;
                    value = avro.serialize(topic, m.setTimestamp(Instant.ofEpochMilli(recordTime)).build());
                } else {
                    value = avro.serialize(topic, m.build());
                    newest[e] = t;
                }
                sent.add(producer.send(new ProducerRecord<>(topic, null, recordTime, key, value)));
                reasons.add(reason);
            }
            producer.flush();
            for (int i = 0; i < RECORDS; i++) {
                RecordMetadata meta = sent.get(i).get();
                Coordinates at = new Coordinates(meta.partition(), meta.offset());
                DeadLetterReason reason = reasons.get(i);
                if (reason == null) {
                    valid.add(at);
                } else {
                    expectedDead.put(at, reason);
                    kinds.merge(reason, 1, Integer::sum);
                }
            }
            // undecodable bytes, a wrong magic byte and an unknown schema id share DESERIALIZATION_ERROR
            assertThat(kinds).as("the flood holds every kind of bad input").hasSize(9);

            assertDeadLettered(app, topic, expectedDead);

            List<ConsumerRecord<String, Estimate>> estimates = Clients.readCommitted(app, app.topics.estimates(),
                    Estimate.class, valid.size(), Duration.ofSeconds(120));
            Set<Coordinates> estimated = new HashSet<>();
            for (ConsumerRecord<String, Estimate> r : estimates) {
                Coordinates from = new Coordinates(r.value().getLineage().getPartition(), (int) r.value().getLineage().getOffset());
                assertThat(estimated.add(from)).as("estimated twice: " + from).isTrue();
            }
            assertThat(estimated).isEqualTo(valid);

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.uncaughtExceptions()).isEmpty();
        }
    }

    @Test
    void everyInvalidPosteriorUpdateIsDeadLetteredWithItsReasonAndEveryValidOneIsFused() throws Exception {
        try (AppUnderTest app = AppUnderTest.start(TestEnvironments.current(), "flood-fusion", FUSION_CONFIG);
             KafkaProducer<byte[], byte[]> producer = Clients.rawProducer(app)) {
            SpecificAvroSerializer<PosteriorUpdate> avro = new SpecificAvroSerializer<>();
            avro.configure(Map.of("schema.registry.url", app.registryUrl()), false);
            String topic = app.topics.posteriorUpdates();

            Random random = new Random(11);
            long[] accepted = new long[QUANTITIES * SOURCES];   // the newest version each source had accepted
            long now = System.currentTimeMillis();
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            List<DeadLetterReason> reasons = new ArrayList<>();
            for (int i = 0; i < UPDATES; i++) {
                int q = random.nextInt(QUANTITIES);
                int s = random.nextInt(SOURCES);
                String quantity = "q" + q;
                byte[] key = quantity.getBytes(StandardCharsets.UTF_8);
                long fresh = accepted[q * SOURCES + s] + 1 + random.nextInt(3);
                double a = 0.5 + random.nextDouble();
                double b = 0.5 + random.nextDouble();
                double r = 0.4 * (random.nextDouble() - 0.5);
                PosteriorUpdate.Builder u = PosteriorUpdate.newBuilder().setQuantityId(quantity).setSourceId("s" + s)
                        .setVersion(fresh).setPosterior(gaussian(List.of(random.nextGaussian(), random.nextGaussian()),
                                List.of(a, r, r, b)));
                double dice = random.nextDouble();
                DeadLetterReason reason = null;
                byte[] value;
                if (dice < 0.55) {
                    value = avro.serialize(topic, u.build());
                    accepted[q * SOURCES + s] = fresh;
                } else if (dice < 0.65) {
                    if (accepted[q * SOURCES + s] == 0) {   // nothing to be stale against yet: a valid first version
                        value = avro.serialize(topic, u.build());
                        accepted[q * SOURCES + s] = fresh;
                    } else {
                        reason = DeadLetterReason.STALE_VERSION;   // the same version again, or an older one
                        value = avro.serialize(topic, u.setVersion(accepted[q * SOURCES + s] - random.nextInt(2)).build());
                    }
                } else if (dice < 0.70) {
                    reason = DeadLetterReason.DESERIALIZATION_ERROR;
                    value = new byte[1 + random.nextInt(40)];
                    random.nextBytes(value);
                    value[0] = (byte) (1 + random.nextInt(100));
                } else if (dice < 0.75) {
                    reason = DeadLetterReason.DESERIALIZATION_ERROR;
                    value = avro.serialize(topic, u.build());
                    value[1] = 0x7f;                               // a schema id no one registered
                } else if (dice < 0.80) {
                    reason = DeadLetterReason.WRONG_DIMENSION;     // a 3-d posterior of a 2-d quantity
                    value = avro.serialize(topic, u.setPosterior(gaussian(List.of(1.0, 2.0, 3.0),
                            List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0))).build());
                } else if (dice < 0.85) {
                    reason = DeadLetterReason.NON_FINITE;
                    value = avro.serialize(topic, u.setPosterior(gaussian(List.of(Double.NaN, 1.0), List.of(a, r, r, b))).build());
                } else if (dice < 0.90) {
                    reason = DeadLetterReason.NOT_POSITIVE_DEFINITE;
                    value = avro.serialize(topic, u.setPosterior(gaussian(List.of(1.0, 1.0), List.of(1.0, 2.0, 2.0, 1.0))).build());
                } else if (dice < 0.95) {
                    reason = DeadLetterReason.KEY_MISMATCH;
                    value = avro.serialize(topic, u.setQuantityId("someone-else").build());
                } else {
                    reason = DeadLetterReason.FUTURE_TIMESTAMP;
                    value = avro.serialize(topic, u.setTimestamp(Instant.ofEpochMilli(now + i + 600_000)).build());
                }
                sent.add(producer.send(new ProducerRecord<>(topic, null, now + i, key, value)));
                reasons.add(reason);
            }
            producer.flush();
            Map<Coordinates, DeadLetterReason> expectedDead = new HashMap<>();
            Set<Coordinates> valid = new HashSet<>();
            Map<DeadLetterReason, Integer> kinds = new EnumMap<>(DeadLetterReason.class);
            for (int i = 0; i < UPDATES; i++) {
                RecordMetadata meta = sent.get(i).get();
                Coordinates at = new Coordinates(meta.partition(), meta.offset());
                if (reasons.get(i) == null) {
                    valid.add(at);
                } else {
                    expectedDead.put(at, reasons.get(i));
                    kinds.merge(reasons.get(i), 1, Integer::sum);
                }
            }
            assertThat(kinds).as("the flood holds every kind of bad posterior update").hasSize(7);

            assertDeadLettered(app, topic, expectedDead);

            List<ConsumerRecord<String, FusedPosterior>> fused = Clients.readCommitted(app, app.topics.fused(),
                    FusedPosterior.class, valid.size(), Duration.ofSeconds(120));
            Set<Coordinates> fusedFrom = new HashSet<>();
            for (ConsumerRecord<String, FusedPosterior> r : fused) {
                Coordinates from = new Coordinates(r.value().getLineage().getPartition(), r.value().getLineage().getOffset());
                assertThat(fusedFrom.add(from)).as("fused twice: " + from).isTrue();
            }
            assertThat(fusedFrom).isEqualTo(valid);

            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.uncaughtExceptions()).isEmpty();
        }
    }

    /** The dead-letter topic holds exactly {@code expected}: each record of {@code topic} once, with its reason and a message. */
    private static void assertDeadLettered(AppUnderTest app, String topic, Map<Coordinates, DeadLetterReason> expected) {
        SpecificAvroDeserializer<DeadLetter> letters = new SpecificAvroDeserializer<>(DeadLetter.class);
        letters.configure(Map.of("schema.registry.url", app.registryUrl()), false);
        List<ConsumerRecord<byte[], DeadLetter>> dead = Clients.read(app, app.topics.deadLetters(),
                new ByteArrayDeserializer(), letters, expected.size(), Duration.ofSeconds(120));
        Map<Coordinates, DeadLetterReason> actual = new HashMap<>();
        for (ConsumerRecord<byte[], DeadLetter> r : dead) {
            DeadLetter letter = r.value();
            assertThat(letter.getSourceTopic()).isEqualTo(topic);
            assertThat(letter.getMessage()).isNotBlank();
            DeadLetterReason previous = actual.put(
                    new Coordinates(letter.getSourcePartition(), letter.getSourceOffset()), letter.getReason());
            assertThat(previous).as("dead-lettered twice: " + letter).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static GaussianPosterior gaussian(List<Double> mean, List<Double> covariance) {
        int n = mean.size();
        return new GaussianPosterior(mean, new FullCovariance(new Matrix(n, n, covariance)));
    }
}
