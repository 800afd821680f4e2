package io.bayesfuse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.app.run.BayesfuseInstance;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API of two instances of one deployment sharing the partitions: every endpoint, and
 * interactive queries answered by whichever instance is asked, forwarded to the entity's owner.
 */
class TwoInstancesApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ENTITIES = 16;
    private static final int QUANTITIES = 8;
    private static final int MODELS = 4;
    /** Examples per model: two batches of 4. */
    private static final int EXAMPLES = 8;

    private static String measurementsTopic;
    private static BayesfuseInstance first;
    private static BayesfuseInstance second;

    @BeforeAll
    static void startTwoInstancesAndFeedThem() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        String unique = "api-" + UUID.randomUUID().toString().substring(0, 8);
        BayesfuseConfig config = ConfigLoader.parse("""
                application: {id: %s, topicPrefix: %s., partitions: 4}
                kafka: {bootstrap.servers: "%s", commit.interval.ms: "100", num.standby.replicas: "1"}
                schemaRegistry: {schema.registry.url: "%s"}
                http: {port: 0}
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: ukf
                  motionModel: cv
                  initial: {x: [0, 0, 0, 0], P: [[100, 0, 0, 0], [0, 25, 0, 0], [0, 0, 100, 0], [0, 0, 0, 25]]}
                fusion:
                  method: product
                  prior: {mean: [0, 0], covariance: [[4, 0], [0, 4]]}
                quantities:
                  model: {method: fisher}
                models:
                  clicks-0: {type: logistic, features: 6, covariance: low-rank, rank: 2, batch: 4}
                  clicks-1: {type: logistic, features: 6, covariance: low-rank, rank: 2, batch: 4}
                  clicks-2: {type: logistic, features: 6, covariance: low-rank, rank: 2, batch: 4}
                  clicks-3: {type: logistic, features: 6, covariance: low-rank, rank: 2, batch: 4}
                """.formatted(unique, unique, environment.bootstrapServers(), environment.registryUrl()), "api test");
        first = BayesfuseInstance.start(config, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("api-a").toString()), "a");
        second = BayesfuseInstance.start(config, Map.of(StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("api-b").toString()), "b");
        assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(second.awaitRunning(Duration.ofSeconds(60))).isTrue();

        measurementsTopic = config.application().topicNames().measurements();
        long now = System.currentTimeMillis();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            ids.add("entity-" + i);
        }
        for (int k = 0; k < 3; k++) {
            produce(ids, now + 1000L * k);
        }
        postQuantities(config.application().topicNames().posteriorUpdates(), now);
        chunksTopic = config.application().topicNames().posteriorChunks();
        postChunks(PosteriorChunks.fisher("model", "a", 1, null, MODEL_THETA, MODEL_FISHER, 10));
        postChunks(PosteriorChunks.fisher("model", "b", 1, null, MODEL_THETA, MODEL_FISHER, 10));
        postExamples(config.application().topicNames().examples(), now);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get(first, "/api/entities").path("count").asInt() < ENTITIES) {
            assertThat(System.nanoTime()).as("all entities queryable within 60 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void theEntityListMergesBothInstancesEntities() throws Exception {
        JsonNode list = get(second, "/api/entities");
        assertThat(list.get("count").asInt()).isEqualTo(ENTITIES);
        assertThat(list.get("instances")).hasSize(2);
        int total = 0;
        for (JsonNode instance : list.get("instances")) {
            assertThat(instance.has("error")).as(instance.toString()).isFalse();
            assertThat(instance.get("entities").asInt()).as("each instance owns some of the 4 partitions' entities").isPositive();
            total += instance.get("entities").asInt();
        }
        assertThat(total).isEqualTo(ENTITIES);
        Set<String> ids = new HashSet<>();
        list.get("entities").forEach(e -> ids.add(e.get("entityId").asText()));
        assertThat(ids).hasSize(ENTITIES).contains("entity-0", "entity-15");
        assertThat(get(first, "/api/entities?local=true").get("instances")).hasSize(1);
    }

    @Test
    void anEntityIsAnsweredByItsOwnerWhicheverInstanceIsAsked() throws Exception {
        int forwarded = 0;
        for (int i = 0; i < ENTITIES; i++) {
            String id = "entity-" + i;
            HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.ENTITY_STORE, id,
                    Serdes.String().serializer()).activeHost();
            for (BayesfuseInstance asked : List.of(first, second)) {
                JsonNode entity = get(asked, "/api/entities/" + id);
                assertThat(entity.get("entityId").asText()).isEqualTo(id);
                assertThat(entity.get("servedBy").asText()).isEqualTo(owner.host() + ":" + owner.port());
                forwarded += owner.port() != asked.httpPort() ? 1 : 0;
                assertThat(entity.get("time").asLong()).isPositive();
                assertThat(entity.get("mean")).hasSize(4);
                assertThat(entity.get("covariance")).hasSize(4);
                assertThat(entity.get("mean").get(0).asDouble()).isCloseTo(10.0 * i, org.assertj.core.data.Offset.offset(3.0));
                assertThat(entity.at("/position/ellipse2Sigma/semiMajor").asDouble()).isPositive();
                assertThat(entity.get("filterType").asText()).isEqualTo("ukf");
            }
        }
        assertThat(forwarded).as("requests answered by the other instance").isEqualTo(ENTITIES);
    }

    @Test
    void aQuantitysFusedPosteriorIsAnsweredByItsOwnerWhicheverInstanceIsAsked() throws Exception {
        int forwarded = 0;
        for (int q = 0; q < QUANTITIES; q++) {
            String id = "q" + q;
            HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.QUANTITY_STORE, id,
                    Serdes.String().serializer()).activeHost();
            for (BayesfuseInstance asked : List.of(first, second)) {
                JsonNode fused = awaitQuantity(asked, id);
                assertThat(fused.get("servedBy").asText()).isEqualTo(owner.host() + ":" + owner.port());
                forwarded += owner.port() != asked.httpPort() ? 1 : 0;
                assertThat(fused.get("method").asText()).isEqualTo("product");
                assertThat(fused.get("sources").get("learner-1").asLong()).isEqualTo(3);
                assertThat(fused.get("sources").get("learner-2").asLong()).isEqualTo(3);
                // precision 2 − 1/4 = 7/4 per component, mean 2q / (7/4) = 8q/7
                assertThat(fused.get("mean").get(0).asDouble()).isCloseTo(8.0 * q / 7, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(fused.get("mean").get(1).asDouble()).isCloseTo(-8.0 * q / 7, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(fused.get("sd").get(0).asDouble()).isCloseTo(Math.sqrt(4.0 / 7), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(fused.get("covariance").get(0).get(0).asDouble()).isCloseTo(4.0 / 7, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        assertThat(forwarded).isEqualTo(QUANTITIES);
        HttpResponse<String> missing = request(second, "/api/quantities/nothing", Map.of());
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(missing.body()).contains("no quantity 'nothing'");
    }

    private static final double[] MODEL_THETA = new double[50];
    private static final double[] MODEL_FISHER = new double[50];
    private static String chunksTopic;

    static {
        for (int j = 0; j < 50; j++) {
            MODEL_THETA[j] = j;
            MODEL_FISHER[j] = 1.0;
        }
    }

    @Test
    void aChunkedModelIsGatheredFromBothInstancesAndSaysWhetherItsChunksAreConsistent() throws Exception {
        JsonNode model = awaitChunks(first, 5);
        assertThat(model.get("chunked").asBoolean()).isTrue();
        assertThat(model.get("consistent").asBoolean()).as(model.toString()).isTrue();
        assertThat(model.get("length").asLong()).isEqualTo(50);
        assertThat(model.get("sources")).hasSize(2);
        assertThat(model.get("instances")).hasSize(2);
        Set<String> holders = new HashSet<>();
        model.get("instances").forEach(i -> {
            if (i.path("chunks").asInt() > 0) {
                holders.add(i.get("instance").asText());
            }
        });
        Set<String> owners = new HashSet<>();
        for (int c = 0; c < 5; c++) {
            HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.CHUNK_STORE, "model#" + c,
                    Serdes.String().serializer()).activeHost();
            owners.add(owner.host() + ":" + owner.port());
        }
        assertThat(holders).as("each chunk listed by the instance that owns it").isEqualTo(owners);
        assertThat(model.at("/firstChunk/mean/3").asDouble()).isEqualTo(3.0);
        assertThat(model.at("/firstChunk/sd/3").asDouble()).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));

        // source b's version 2 reaches chunk 2 only: the chunks disagree until the others follow
        double[] shifted = MODEL_THETA.clone();
        shifted[25] = 100;
        PosteriorChunks newer = PosteriorChunks.fisher("model", "b", 2, null, shifted, MODEL_FISHER, 10);
        postChunk(newer, 2);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode partial;
        do {
            Thread.sleep(250);
            partial = get(second, "/api/quantities/model");
            assertThat(System.nanoTime()).as("chunk 2 updated within 30 s: " + partial).isLessThan(deadline);
        } while (partial.get("consistent").asBoolean());
        assertThat(partial.get("digests")).hasSize(2);
        JsonNode chunk2 = get(first, "/api/quantities/model/chunks/2");
        assertThat(chunk2.get("mean").get(5).asDouble()).as("(25 + 100)/2").isEqualTo(62.5);
    }

    private static JsonNode awaitChunks(BayesfuseInstance asked, int chunks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = request(asked, "/api/quantities/model", Map.of());
            if (response.statusCode() == 200) {
                JsonNode model = JSON.readTree(response.body());
                if (model.path("chunksPresent").asInt() == chunks && model.path("consistent").asBoolean()) {
                    return model;
                }
            }
            assertThat(System.nanoTime()).as("the chunked model complete within 30 s: " + response.body()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static void postChunks(PosteriorChunks chunks) {
        for (int i = 0; i < chunks.count(); i++) {
            postChunk(chunks, i);
        }
    }

    private static void postChunk(PosteriorChunks chunks, int index) {
        TestEnvironment environment = TestEnvironments.current();
        SpecificAvroSerializer<PosteriorChunk> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, PosteriorChunk> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values)) {
            PosteriorChunk chunk = chunks.chunk(index);
            producer.send(new ProducerRecord<>(chunksTopic, PosteriorChunks.key(chunk.getQuantityId(), index), chunk));
        }
    }

    private static JsonNode awaitQuantity(BayesfuseInstance asked, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = request(asked, "/api/quantities/" + id, Map.of());
            if (response.statusCode() == 200) {
                JsonNode fused = JSON.readTree(response.body());
                if (fused.get("sources").size() == 2) {
                    return fused;
                }
            }
            assertThat(System.nanoTime()).as("quantity " + id + " fused from both sources within 30 s: "
                    + response.body()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void aModelsSummaryAndPredictionAreAnsweredByItsOwnerWhicheverInstanceIsAsked() throws Exception {
        int forwarded = 0;
        String features = "{\"features\": [1, -0.5, 0.25, 0, 2, -1]}";
        for (int m = 0; m < MODELS; m++) {
            String id = "clicks-" + m;
            HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.LEARNER_STORE, id,
                    Serdes.String().serializer()).activeHost();
            BayesfuseInstance ownerInstance = owner.port() == first.httpPort() ? first : second;
            JsonNode ownersSummary = awaitModel(ownerInstance, id);
            String ownersPrediction = post(ownerInstance, "/api/models/" + id + "/predict", features).body();
            for (BayesfuseInstance asked : List.of(first, second)) {
                forwarded += owner.port() != asked.httpPort() ? 1 : 0;
                JsonNode summary = get(asked, "/api/models/" + id);
                assertThat(summary).as("the owner's answer, asked of " + asked.httpPort()).isEqualTo(ownersSummary);
                assertThat(summary.get("servedBy").asText()).isEqualTo(owner.host() + ":" + owner.port());
                assertThat(summary.get("covariance").asText()).isEqualTo("low-rank");
                assertThat(summary.get("rank").asInt()).isEqualTo(2);
                assertThat(summary.get("examples").asLong()).isEqualTo(EXAMPLES);
                assertThat(summary.get("version").asLong()).isEqualTo(2);
                assertThat(summary.get("mean")).hasSize(6);

                HttpResponse<String> prediction = post(asked, "/api/models/" + id + "/predict", features);
                assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
                assertThat(prediction.body()).isEqualTo(ownersPrediction);
                JsonNode p = JSON.readTree(prediction.body());
                assertThat(p.get("servedBy").asText()).isEqualTo(owner.host() + ":" + owner.port());
                assertThat(p.get("probabilities")).hasSize(2);
                assertThat(p.get("probabilities").get(0).asDouble() + p.get("probabilities").get(1).asDouble())
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            }
            BayesfuseInstance notOwner = ownerInstance == first ? second : first;
            HttpResponse<String> loop = request(notOwner, "/api/models/" + id, Map.of("X-Bayesfuse-Forwarded", "1"));
            assertThat(loop.statusCode()).as(loop.body()).isEqualTo(503);
            assertThat(loop.body()).contains("model '" + id + "' moved while the request was forwarded");
        }
        assertThat(forwarded).as("requests answered by the other instance").isEqualTo(MODELS);
        HttpResponse<String> missing = request(second, "/api/models/nothing", Map.of());
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
    }

    /** The model's summary from the instance asked, once it has learned both batches of its examples. */
    private static JsonNode awaitModel(BayesfuseInstance asked, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = request(asked, "/api/models/" + id, Map.of());
            if (response.statusCode() == 200) {
                JsonNode summary = JSON.readTree(response.body());
                if (summary.path("version").asLong() == 2) {
                    return summary;
                }
            }
            assertThat(System.nanoTime()).as("model " + id + " learned both batches within 60 s: " + response.body())
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** {@value #EXAMPLES} examples of each model, labelled by the sign of x₀ − x₁. */
    private static void postExamples(String topic, long time) {
        TestEnvironment environment = TestEnvironments.current();
        SpecificAvroSerializer<Example> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        java.util.Random random = new java.util.Random(42);
        try (KafkaProducer<String, Example> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values)) {
            for (int m = 0; m < MODELS; m++) {
                for (int i = 0; i < EXAMPLES; i++) {
                    List<Double> x = new java.util.ArrayList<>();
                    for (int j = 0; j < 6; j++) {
                        x.add(random.nextGaussian());
                    }
                    producer.send(new ProducerRecord<>(topic, "clicks-" + m, Example.newBuilder().setModelId("clicks-" + m)
                            .setFeatures(x).setTarget(x.get(0) > x.get(1) ? 1 : 0).setTimestamp(Instant.ofEpochMilli(time + i))
                            .build()));
                }
            }
        }
    }

    private static HttpResponse<String> post(BayesfuseInstance instance, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownEntityIsNotFoundAndAForwardedRequestIsNeverForwardedAgain() throws Exception {
        HttpResponse<String> missing = request(first, "/api/entities/nobody", Map.of());
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(missing.body()).contains("no entity 'nobody'");
        for (int i = 0; i < ENTITIES; i++) {
            String id = "entity-" + i;
            HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.ENTITY_STORE, id,
                    Serdes.String().serializer()).activeHost();
            BayesfuseInstance notOwner = owner.port() == first.httpPort() ? second : first;
            HttpResponse<String> loop = request(notOwner, "/api/entities/" + id, Map.of("X-Bayesfuse-Forwarded", "1"));
            assertThat(loop.statusCode()).isEqualTo(503);
            assertThat(loop.body()).contains("moved while the request was forwarded");
        }
    }

    @Test
    void aStandbyReplicaServesItsCopyMarkedStaleWhenAsked() throws Exception {
        String id = "entity-5";
        HostInfo owner = first.streams().queryMetadataForKey(BayesfuseTopology.ENTITY_STORE, id,
                Serdes.String().serializer()).activeHost();
        BayesfuseInstance standby = owner.port() == first.httpPort() ? second : first;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> copy;
        do {   // the standby task restores from the changelog in the background
            copy = request(standby, "/api/entities/" + id + "?stale=true", Map.of());
            if (copy.statusCode() != 200) {
                assertThat(System.nanoTime()).as("the standby's copy within 30 s: " + copy.body()).isLessThan(deadline);
                Thread.sleep(250);
            }
        } while (copy.statusCode() != 200);
        JsonNode entity = JSON.readTree(copy.body());
        assertThat(entity.get("stale").asBoolean()).isTrue();
        assertThat(entity.get("servedBy").asText()).isEqualTo("localhost:" + standby.httpPort());
        assertThat(entity.get("mean").get(0).asDouble()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void healthMetricsDashboardAndPageAreServed() throws Exception {
        for (BayesfuseInstance instance : List.of(first, second)) {
            JsonNode health = get(instance, "/health");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("kafkaStreams").asText()).isEqualTo("RUNNING");
        }
        HttpResponse<String> metrics = request(first, "/metrics", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("bayesfuse_filter_estimates_total{")
                .contains("kafka_stream_")
                .contains("jvm_memory_used_bytes");
        JsonNode dashboard = get(first, "/api/dashboard");
        assertThat(dashboard.get("sensors").get(0).get("id").asText()).isEqualTo("gps");
        assertThat(dashboard.get("sensors").get(0).get("upper").asDouble()).isGreaterThan(7.3);
        HttpResponse<String> page = request(first, "/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>bayesfuse").contains("dashboard.js").doesNotContain("https://");
    }

    @Test
    void theEventStreamSendsNewEstimatesInBatches() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + first.httpPort() + "/api/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        produce(List.of("entity-3"), System.currentTimeMillis() + 10_000);
        java.util.Iterator<String> lines = response.body().iterator();
        boolean batch = false;
        String data = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (data == null && System.nanoTime() < deadline && lines.hasNext()) {
            String line = lines.next();
            if (line.equals("event: batch")) {
                batch = true;
            } else if (batch && line.startsWith("data: ") && line.contains("\"type\":\"estimate\"")) {
                data = line;
            }
        }
        response.body().close();
        assertThat(data).as("an estimate batch on the event stream").isNotNull().contains("\"id\":\"entity-3\"");
    }

    /**
     * Two sources' posteriors of each of {@value #QUANTITIES} quantities, each N([q, −q], I) under the
     * prior N(0, 4I): the product rule gives precision 2I − I/4 and mean (2I − I/4)⁻¹·2·[q, −q].
     */
    private static void postQuantities(String topic, long time) {
        TestEnvironment environment = TestEnvironments.current();
        SpecificAvroSerializer<PosteriorUpdate> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, PosteriorUpdate> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values)) {
            for (int q = 0; q < QUANTITIES; q++) {
                for (String source : List.of("learner-1", "learner-2")) {
                    producer.send(new ProducerRecord<>(topic, "q" + q, PosteriorUpdate.newBuilder().setQuantityId("q" + q)
                            .setSourceId(source).setVersion(3).setTimestamp(Instant.ofEpochMilli(time))
                            .setPosterior(new GaussianPosterior(List.of((double) q, (double) -q),
                                    new FullCovariance(new Matrix(2, 2, List.of(1.0, 0.0, 0.0, 1.0)))))
                            .build()));
                }
            }
        }
    }

    /** One gps measurement of each entity at {@code time}: entity-i stands at (10·i, −5·i). */
    private static void produce(List<String> ids, long time) {
        TestEnvironment environment = TestEnvironments.current();
        SpecificAvroSerializer<Measurement> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, Measurement> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), values)) {
            for (String id : ids) {
                int i = Integer.parseInt(id.substring("entity-".length()));
                producer.send(new ProducerRecord<>(measurementsTopic, id, new Measurement(id, "gps", Instant.ofEpochMilli(time),
                        List.of(10.0 * i, -5.0 * i), null, Map.of())));
            }
        }
    }

    private static JsonNode get(BayesfuseInstance instance, String path) throws Exception {
        HttpResponse<String> response = request(instance, path, Map.of());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> request(BayesfuseInstance instance, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
