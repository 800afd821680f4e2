package io.bayesfuse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.run.BayesfuseInstance;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health/ready} on a real instance: an instance that must first restore its state from the
 * changelogs (a new state directory, as after a crash that lost the disk or on a new machine)
 * answers 503 while it rebalances and restores — and says what it restores — and 200 once it
 * processes, while {@code /health/live} answers 200 throughout. The restoration is slowed down (the
 * changelog written in small batches, fetched in small fetches) so that it lasts long enough to be
 * watched.
 */
class ReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int ENTITIES = 6_000;

    @TempDir
    Path work;

    /** One look at both endpoints. */
    private record Sample(int ready, JsonNode readyBody, int live) {
    }

    @Test
    void whileRestoringTheInstanceIsLiveButNotReadyAndOnceProcessingItIsReady() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        String unique = "ready-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                application: {id: %s, topicPrefix: %s., partitions: 2}
                kafka: {bootstrap.servers: "%s", commit.interval.ms: "100", session.timeout.ms: "6000", heartbeat.interval.ms: "1500"}
                schemaRegistry: {schema.registry.url: "%s"}
                http: {port: %d}
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: kf
                  motionModel: cv
                  initial: {x: [0, 0, 0, 0], P: [[100, 0, 0, 0], [0, 25, 0, 0], [0, 0, 100, 0], [0, 0, 0, 25]]}
                """;
        BayesfuseConfig first = ConfigLoader.parse(yaml.formatted(unique, unique, environment.bootstrapServers(),
                environment.registryUrl(), 0), "readiness test");
        // small producer batches: the changelog is fetched one small batch at a time when restored
        try (BayesfuseInstance instance = BayesfuseInstance.start(first, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                work.resolve("state-1").toString(), StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "512"), "first")) {
            assertThat(instance.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(get(instance.httpPort(), "/health/ready").statusCode()).isEqualTo(200);
            produce(environment, first.application().topicNames().measurements());
            awaitEntities(instance.httpPort());
        }

        // the same deployment on a new state directory: everything comes back from the changelogs, slowly
        int port = freePort();
        BayesfuseConfig second = ConfigLoader.parse(yaml.formatted(unique, unique, environment.bootstrapServers(),
                environment.registryUrl(), port), "readiness test");
        List<Sample> samples = new ArrayList<>();
        Thread watcher = new Thread(() -> watch(port, samples), "readiness-watcher");
        watcher.start();
        try (BayesfuseInstance instance = BayesfuseInstance.start(second, Map.of(
                StreamsConfig.STATE_DIR_CONFIG, work.resolve("state-2").toString(),
                StreamsConfig.restoreConsumerPrefix("max.partition.fetch.bytes"), "1024",
                StreamsConfig.restoreConsumerPrefix("fetch.max.bytes"), "1024"), "second")) {
            watcher.join(Duration.ofSeconds(120).toMillis());
            assertThat(watcher.isAlive()).as("ready within 120 s").isFalse();
            List<Sample> seen;
            synchronized (samples) {
                seen = List.copyOf(samples);
            }
            System.out.printf("readiness: %d samples, %d while restoring, %d while rebalancing%n", seen.size(),
                    seen.stream().filter(s -> !s.readyBody().path("restoring").isEmpty()).count(),
                    seen.stream().filter(s -> s.readyBody().path("kafkaStreams").asText().equals("REBALANCING")).count());
            assertThat(seen).as("answers before ready").anySatisfy(s -> {
                assertThat(s.ready()).isEqualTo(503);
                assertThat(s.readyBody().get("kafkaStreams").asText()).isIn("CREATED", "REBALANCING");
            });
            assertThat(seen).as("answers while the entity store is restored").anySatisfy(s -> {
                assertThat(s.ready()).isEqualTo(503);
                assertThat(s.live()).isEqualTo(200);
                assertThat(s.readyBody().get("restoring").findValuesAsText("store")).contains("bayesfuse-entities");
            });
            Sample last = seen.get(seen.size() - 1);
            assertThat(last.ready()).isEqualTo(200);
            assertThat(last.readyBody().get("status").asText()).isEqualTo("READY");
            assertThat(last.readyBody().get("kafkaStreams").asText()).isEqualTo("RUNNING");
            assertThat(seen).as("live whenever it answered").allSatisfy(s -> assertThat(s.live()).isEqualTo(200));
            assertThat(instance.readiness().ready()).isTrue();
        }
    }

    /** Asks both endpoints every 20 ms (refused connections while the server starts are skipped) until ready. */
    private static void watch(int port, List<Sample> samples) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = get(port, "/health/ready");
                HttpResponse<String> live = get(port, "/health/live");
                Sample sample = new Sample(ready.statusCode(), JSON.readTree(ready.body()), live.statusCode());
                synchronized (samples) {
                    samples.add(sample);
                }
                if (sample.ready() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One measurement of each of many entities: as many records in the entity store's changelog. */
    private static void produce(TestEnvironment environment, String topic) {
        SpecificAvroSerializer<Measurement> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, Measurement> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), values)) {
            for (int i = 0; i < ENTITIES; i++) {
                String id = "entity-" + i;
                producer.send(new ProducerRecord<>(topic, id, Measurement.newBuilder().setEntityId(id).setSensorId("gps")
                        .setTimestamp(Instant.ofEpochMilli(now)).setZ(List.of(1.0 * i, -1.0 * i)).build()));
            }
        }
    }

    private static void awaitEntities(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (JSON.readTree(get(port, "/api/entities?local=true").body()).path("count").asInt() < ENTITIES) {
            assertThat(System.nanoTime()).as(ENTITIES + " entities stored within 90 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
