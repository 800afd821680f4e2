package io.bayesfuse.it;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.app.Clients;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.assembly.TrackerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes down and comes back in the middle of a run: the application recovers, and its
 * committed output is exactly one estimate per measurement with the numbers of an uninterrupted run.
 */
class BrokerRestartIT {

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

    private static final int MEASUREMENTS = 600;

    @Test
    void theApplicationRecoversFromABrokerRestartWithoutLosingOrDuplicatingOutput() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        List<Measurement> input = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < MEASUREMENTS; i++) {
            input.add(Measurement.newBuilder().setEntityId("e" + (i % 6)).setSensorId("gps")
                    .setTimestamp(Instant.ofEpochMilli(1_000 + 100L * i)).setZ(List.of(random.nextGaussian(), random.nextGaussian()))
                    .build());
        }
        try (AppUnderTest app = AppUnderTest.start(environment, "broker-restart", CONFIG)) {
            try (KafkaProducer<String, Measurement> producer = Clients.avroProducer(app)) {
                for (Measurement m : input.subList(0, MEASUREMENTS / 2)) {
                    producer.send(new ProducerRecord<>(app.topics.measurements(), m.getEntityId(), m));
                }
                producer.flush();
            }
            Clients.readCommitted(app, app.topics.estimates(), Estimate.class, 1, Duration.ofSeconds(60));

            environment.restartBroker();

            try (KafkaProducer<String, Measurement> producer = Clients.avroProducer(app)) {
                for (Measurement m : input.subList(MEASUREMENTS / 2, MEASUREMENTS)) {
                    producer.send(new ProducerRecord<>(app.topics.measurements(), m.getEntityId(), m));
                }
                producer.flush();
            }
            List<ConsumerRecord<String, Estimate>> out = Clients.readCommitted(app, app.topics.estimates(),
                    Estimate.class, MEASUREMENTS, Duration.ofSeconds(180));
            assertThat(out).as("exactly one estimate per measurement").hasSize(MEASUREMENTS);

            Map<String, List<Estimate>> byEntity = new HashMap<>();
            out.forEach(r -> byEntity.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            EntityTracker tracker = TrackerFactory.create(app.config);
            Map<String, EntityState> states = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Measurement m : input) {
                String e = m.getEntityId();
                TrackingResult expected = tracker.process(e, states.get(e), new io.bayesfuse.kernels.entity.Measurement(
                        "gps", m.getTimestamp().toEpochMilli(), m.getZ().stream().mapToDouble(Double::doubleValue).toArray(), null));
                states.put(e, expected.state());
                Estimate actual = byEntity.get(e).get(seen.merge(e, 1, Integer::sum) - 1);
                assertThat(actual.getTimestamp()).isEqualTo(m.getTimestamp());
                for (int k = 0; k < expected.x().length; k++) {
                    assertThat(actual.getMean().get(k)).as(e + " x[" + k + "] at " + m.getTimestamp())
                            .isEqualTo(expected.x()[k]);
                }
            }
            app.awaitRunning(Duration.ofSeconds(60));
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }
}
