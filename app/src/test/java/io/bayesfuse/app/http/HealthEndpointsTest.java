package io.bayesfuse.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayesfuse.app.metrics.PrometheusMetrics;
import io.bayesfuse.topology.config.HttpConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health/live} and {@code /health/ready} answer from what Kafka Streams reports (its state
 * and its restore listener), here reported by hand; a real instance restoring its stores is
 * observed in the integration tests.
 */
class HealthEndpointsTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("app-bayesfuse-entities-changelog", 2);

    private final HttpClient client = HttpClient.newHttpClient();
    private final Readiness readiness = new Readiness();
    private PrometheusMetrics metrics;
    private HttpApi api;

    @BeforeEach
    void start() {
        metrics = new PrometheusMetrics();
        api = HttpApi.start(new HttpConfig("localhost", 0, null), metrics, readiness);
    }

    @AfterEach
    void stop() {
        api.close();
        metrics.close();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()));
    }

    @Test
    void beforeKafkaStreamsExistsTheProcessIsLiveButNotReady() throws Exception {
        assertThat(get("/health/live").status()).isEqualTo(200);
        Reply ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().get("kafkaStreams").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void whileRebalancingTheInstanceIsLiveButNotReady() throws Exception {
        readiness.stateChanged(KafkaStreams.State.REBALANCING);
        assertThat(get("/health/live").status()).isEqualTo(200);
        Reply ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().get("status").asText()).isEqualTo("NOT_READY");
        assertThat(ready.body().get("kafkaStreams").asText()).isEqualTo("REBALANCING");
    }

    @Test
    void aStoreBeingRestoredHoldsReadinessBackAndIsNamedWithItsProgress() throws Exception {
        readiness.stateChanged(KafkaStreams.State.REBALANCING);
        readiness.onRestoreStart(CHANGELOG, "bayesfuse-entities", 100, 5_100);
        readiness.onBatchRestored(CHANGELOG, "bayesfuse-entities", 1_100, 1_000);
        readiness.stateChanged(KafkaStreams.State.RUNNING);
        Reply ready = get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        JsonNode restoring = ready.body().get("restoring").get(0);
        assertThat(restoring.get("store").asText()).isEqualTo("bayesfuse-entities");
        assertThat(restoring.get("changelog").asText()).isEqualTo(CHANGELOG.toString());
        assertThat(restoring.get("restored").asLong()).isEqualTo(1_000);
        assertThat(restoring.get("total").asLong()).isEqualTo(5_000);
        assertThat(readiness.firstReady()).isNotDone();

        readiness.onRestoreEnd(CHANGELOG, "bayesfuse-entities", 5_000);
        Reply done = get("/health/ready");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("status").asText()).isEqualTo("READY");
        assertThat(done.body().get("restoring")).isEmpty();
        assertThat(readiness.firstReady()).isDone();
    }

    @Test
    void aRestorationSuspendedBecauseTheTaskMovedAwayNoLongerCounts() throws Exception {
        readiness.onRestoreStart(CHANGELOG, "bayesfuse-entities", 0, 10);
        readiness.onRestoreSuspended(CHANGELOG, "bayesfuse-entities", 3);
        readiness.stateChanged(KafkaStreams.State.RUNNING);
        assertThat(get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void aFailedOrStoppedInstanceIsNeitherLiveNorReady() throws Exception {
        readiness.stateChanged(KafkaStreams.State.REBALANCING);
        readiness.stateChanged(KafkaStreams.State.ERROR);
        Reply live = get("/health/live");
        assertThat(live.status()).isEqualTo(503);
        assertThat(live.body().get("status").asText()).isEqualTo("DOWN");
        assertThat(get("/health/ready").status()).isEqualTo(503);
        assertThat(readiness.firstReady()).isCompletedExceptionally();
    }

    @Test
    void theOldHealthCheckKeepsItsMeaning() throws Exception {
        assertThat(get("/health").status()).as("before Kafka Streams is attached").isEqualTo(503);
    }
}
