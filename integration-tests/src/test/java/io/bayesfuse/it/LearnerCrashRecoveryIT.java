package io.bayesfuse.it;

import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.exact.RunOutput;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner stage under SIGKILL: {@code bayesfuse run} learning four models from a stream of
 * examples is killed twice at random points while examples keep arriving (the second restart
 * without its state directory, so the posteriors and half-gathered mini-batches come back from the
 * changelogs). Batches are learned when full or when stream time has passed their flush interval, so
 * both paths are crossed by the crashes. Its committed posteriors then equal those of a run that was
 * never interrupted, record for record and bit for bit — only the source id differs, as each run is
 * its own site.
 */
class LearnerCrashRecoveryIT {

    private static final int KILLS = 2;
    private static final int PARTITIONS = 3;
    private static final long FLUSH_AFTER_MILLIS = 5_000;
    private static final long T0 = 1_700_000_000_000L;

    /** Four models: exact with forgetting, logistic by Laplace, softmax by ADF, and a wide one published in chunks. */
    static final String CONFIG = """
            models:
              prices: {type: linear, features: 6, bias: true, noise: {variance: 0.5, strength: 2}, forgettingHalfLifeMillis: 60000, batch: 16}
              churn: {type: logistic, features: 4, inference: laplace, batch: 8}
              kinds: {type: softmax, classes: 3, features: 3, inference: adf, batch: 8}
              wide: {type: linear, features: 200, noise: {variance: 1.0, known: true}, batch: 32}
            learning: {flushAfterMillis: 5000}
            """;
    static final Map<String, Integer> BATCH = Map.of("prices", 16, "churn", 8, "kinds", 8, "wide", 32);
    static final Map<String, Integer> FEATURES = Map.of("prices", 6, "churn", 4, "kinds", 3, "wide", 200);

    @TempDir
    Path work;

    /** The seeded examples, in their production order. */
    static List<Example> examples(long seed, int n) {
        Random random = new Random(seed);
        List<String> models = List.of("prices", "churn", "kinds", "wide");
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String model = models.get(i % 7 == 6 ? 3 : random.nextInt(3));
            int d = FEATURES.get(model);
            List<Double> x = new ArrayList<>();
            double score = 0;
            for (int j = 0; j < d; j++) {
                double v = random.nextGaussian();
                x.add(v);
                score += v * ((j % 3) - 1);
            }
            double target = switch (model) {
                case "churn" -> score + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
                case "kinds" -> Math.floorMod((int) Math.floor(score + random.nextGaussian()), 3);
                default -> score + 0.7 * random.nextGaussian();
            };
            examples.add(Example.newBuilder().setModelId(model).setFeatures(x).setTarget(target)
                    .setTimestamp(Instant.ofEpochMilli(T0 + 100L * i)).build());
        }
        return examples;
    }

    /**
     * How many posteriors the learners publish for {@code examples} (each index: updates, chunks): a model's
     * batch is learned when full, or before the first record of its partition whose timestamp (stream time)
     * is {@link #FLUSH_AFTER_MILLIS} past the batch's first example; the batches still gathering at the end
     * publish nothing.
     */
    static int[] expectedPublications(List<Example> examples) {
        Map<String, Integer> count = new TreeMap<>();
        Map<String, Long> due = new TreeMap<>();
        long[] streamTime = new long[PARTITIONS];
        int[] published = new int[2];
        for (Example e : examples) {
            String model = e.getModelId().toString();
            int partition = partition(model);
            long t = e.getTimestamp().toEpochMilli();
            streamTime[partition] = Math.max(streamTime[partition], t);
            for (String other : List.copyOf(count.keySet())) {
                if (partition(other) == partition && due.get(other) <= streamTime[partition]) {
                    publish(other, count, published);
                }
            }
            if (!count.containsKey(model)) {
                due.put(model, t + FLUSH_AFTER_MILLIS);
            }
            count.merge(model, 1, Integer::sum);
            if (count.get(model) >= BATCH.get(model)) {
                publish(model, count, published);
            }
        }
        return published;
    }

    private static void publish(String model, Map<String, Integer> count, int[] published) {
        count.remove(model);
        if (model.equals("wide")) {
            published[1] += 2;   // 200·201/2 + 200 = 20,300 values: two chunks of 16,384
        } else {
            published[0]++;
        }
    }

    /** Kafka's default partitioner on a String key. */
    private static int partition(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
    }

    static void produce(TestEnvironment environment, Deployment deployment, List<Example> examples, int perSecond)
            throws InterruptedException {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), values)) {
            long start = System.nanoTime();
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                producer.send(new ProducerRecord<>(deployment.topics.examples(), null, e.getTimestamp().toEpochMilli(),
                        e.getModelId().toString(), e));
                if (perSecond > 0) {
                    long wait = start + (i + 1) * 1_000_000_000L / perSecond - System.nanoTime();
                    if (wait > 0) {
                        producer.flush();
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            producer.flush();
        }
    }

    /** The committed posteriors by model (chunks by chunk key), each as text without its source id. */
    static Map<String, List<String>> read(TestEnvironment environment, Deployment deployment, int updates, int chunks) {
        Map<String, List<String>> out = new TreeMap<>();
        SpecificAvroDeserializer<PosteriorUpdate> u = new SpecificAvroDeserializer<>(PosteriorUpdate.class);
        u.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        for (ConsumerRecord<String, PosteriorUpdate> r : RunOutput.read(environment.bootstrapServers(),
                deployment.topics.posteriorUpdates(), u, updates, Duration.ofSeconds(240), n -> { })) {
            r.value().setSourceId("");
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().toString());
        }
        SpecificAvroDeserializer<PosteriorChunk> c = new SpecificAvroDeserializer<>(PosteriorChunk.class);
        c.configure(Map.of("schema.registry.url", environment.registryUrl()), false);
        for (ConsumerRecord<String, PosteriorChunk> r : RunOutput.read(environment.bootstrapServers(),
                deployment.topics.posteriorChunks(), c, chunks, Duration.ofSeconds(240), n -> { })) {
            r.value().setSourceId("");
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().toString());
        }
        return out;
    }

    /** The HTTP API answers for the models from the stored posteriors (this instance owns every partition). */
    private static void queriesAnswerFromTheLearnedPosteriors(String url, int pricesVersions) throws Exception {
        String base = url.endsWith("/") ? url : url + "/";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var summary = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/models/prices")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        var s = json.readTree(summary.body());
        assertThat(s.get("version").asLong()).isEqualTo(pricesVersions);
        assertThat(s.get("mean")).hasSize(7);
        assertThat(s.get("noiseVariance").asDouble()).isPositive();
        var regression = post(http, base + "api/models/prices/predict", "{\"features\": [1, 0, 0, 0, 0, 0]}");
        assertThat(regression.statusCode()).as(regression.body()).isEqualTo(200);
        var r = json.readTree(regression.body());
        assertThat(r.get("variance").asDouble()).isPositive();
        assertThat(r.get("intervals").get("0.95").get(0).asDouble()).isLessThan(r.get("mean").asDouble());
        var classifier = post(http, base + "api/models/kinds/predict", "{\"features\": [0.5, -1, 2]}");
        assertThat(classifier.statusCode()).as(classifier.body()).isEqualTo(200);
        double total = 0;
        for (var p : json.readTree(classifier.body()).get("probabilities")) {
            total += p.asDouble();
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        var wrong = post(http, base + "api/models/prices/predict", "{\"features\": [1, 2]}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("2 features, the model has 6");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "api/models/nothing")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    private static java.net.http.HttpResponse<String> post(java.net.http.HttpClient http, String url, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static int count(Map<String, List<String>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    @Test
    void afterTwoSigkillsTheLearnersCommittedPosteriorsEqualAnUninterruptedRun() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        List<Example> examples = examples(18, 1_800);
        int updates = expectedPublications(examples)[0];
        int chunks = expectedPublications(examples)[1];

        Deployment reference = Deployment.create(environment, work, "learn-ref", PARTITIONS, "", CONFIG);
        Map<String, List<String>> expected;
        try (Deployment.Instance instance = reference.start(0)) {
            produce(environment, reference, examples, 0);
            expected = read(environment, reference, updates, chunks);
            assertThat(instance.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
        assertThat(count(expected)).as("one posterior per full or due batch").isEqualTo(updates + chunks);

        Deployment crashing = Deployment.create(environment, work, "learn-crash", PARTITIONS, "", CONFIG);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try {
                produce(environment, crashing, examples, 120);   // about as long as the crashes take
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Random random = new Random(20261206);
        for (int kill = 1; kill <= KILLS; kill++) {
            try (Deployment.Instance instance = crashing.start(0)) {
                long runFor = 1_000 + random.nextInt(2_500);
                Thread.sleep(runFor);
                assertThat(instance.process().stopWith("KILL", Duration.ofSeconds(30))).as("exit status after SIGKILL").isEqualTo(137);
                System.out.printf("learner crash %d/%d: killed %d ms after start-up%n", kill, KILLS, runFor);
            }
            if (kill == 2) {
                crashing.wipeState(0);
            }
        }
        try (Deployment.Instance last = crashing.start(0)) {
            producing.get();
            Map<String, List<String>> actual = read(environment, crashing, updates, chunks);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String key : expected.keySet()) {
                assertThat(actual.get(key)).as("the posteriors of " + key + " after the crashes").isEqualTo(expected.get(key));
            }
            queriesAnswerFromTheLearnedPosteriors(last.url(), expected.get("prices").size());
            assertThat(last.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
    }
}
