package io.bayesfuse.it;

import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bayesfuse run} as a deployment starts it: a configuration file plus environment variables. */
class RunCommandIT {

    @TempDir
    Path work;

    @Test
    void runCreatesItsTopicsServesItsApiAndStopsCleanlyOnSigterm() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        String unique = "run-" + UUID.randomUUID().toString().substring(0, 8);
        Path config = work.resolve("app.yaml");
        Files.writeString(config, """
                application: {id: %s, topicPrefix: %s., partitions: 3}
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: kf
                  motionModel: cv
                  initial: {x: [0, 0, 0, 0], P: [[100, 0, 0, 0], [0, 25, 0, 0], [0, 0, 100, 0], [0, 0, 0, 25]]}
                """.formatted(unique, unique));
        Map<String, String> variables = Map.of(
                "BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS", environment.bootstrapServers(),
                "BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL", environment.registryUrl(),
                "BAYESFUSE_KAFKA_STATE_DIR", work.resolve("state").toString(),
                "BAYESFUSE_HTTP_PORT", "0");
        try (AppProcess run = AppProcess.start(work, variables, "run", "--config", config.toString())) {
            String url = run.awaitLine("dashboard=", Duration.ofSeconds(90));
            assertThat(url).matches("http://localhost:\\d+/");
            assertThat(run.errorOutput()).contains("kafka.bootstrap.servers from BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS");

            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> health;
            do {
                health = http.send(HttpRequest.newBuilder(URI.create(url + "health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() != 200) {
                    assertThat(System.nanoTime()).as("healthy within 60 s: " + health.body()).isLessThan(deadline);
                    Thread.sleep(250);
                }
            } while (health.statusCode() != 200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(unique + ".measurements",
                        unique + ".config", unique + ".config-validated", unique + ".estimates", unique + ".dead-letters"))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get(unique + ".measurements").partitions()).hasSize(3);
                assertThat(topics.get(unique + ".estimates").partitions()).hasSize(3);
                assertThat(topics.get(unique + ".config").partitions()).hasSize(1);
                assertThat(topics.get(unique + ".config-validated").partitions()).hasSize(1);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, unique + ".config");
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            assertThat(run.stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
            assertThat(run.errorOutput()).contains("bayesfuse run: stopped cleanly");
        }
    }

    @Test
    void anInvalidKafkaSettingStopsStartUpWithItsName() throws Exception {
        Path config = work.resolve("bad.yaml");
        Files.writeString(config, """
                kafka: {bootstrap.servers: "localhost:1", num.stream.threads: several}
                schemaRegistry: {schema.registry.url: "http://localhost:1"}
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: kf
                  motionModel: cv
                  initial: {x: [0, 0, 0, 0], P: [[100, 0, 0, 0], [0, 25, 0, 0], [0, 0, 100, 0], [0, 0, 0, 25]]}
                http: {port: 0}
                """);
        try (AppProcess run = AppProcess.start(work, Map.of(), "run", "--config", config.toString())) {
            assertThat(run.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(run.errorOutput()).contains("num.stream.threads");
        }
    }
}
