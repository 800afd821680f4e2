package io.bayesfuse.it;

import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.RegisteredSchema;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.RestSchemaRegistryClient;
import io.bayesfuse.schemas.registry.server.KafkaSchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's registry keeps its schemas in a Kafka topic (on the test environment's broker):
 * restarts keep ids, several instances never collide.
 */
class KafkaBackedRegistryIT {

    /** Suffix of this run's schema topics: the environment may be shared. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static TestEnvironment environment;

    @BeforeAll
    static void selectEnvironment() {
        environment = TestEnvironments.current();
    }

    private static SchemaRegistryServer registryOn(String topic) {
        return SchemaRegistryServer.builder().port(0)
                .store(KafkaSchemaStore.open(Map.of("bootstrap.servers", environment.bootstrapServers()), topic + "_" + RUN,
                        Duration.ofSeconds(30)))
                .start();
    }

    private static RestSchemaRegistryClient client(SchemaRegistryServer registry) {
        return new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    private static Schema record(String name, int fields) {
        StringBuilder json = new StringBuilder("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[");
        for (int i = 0; i < fields; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"f").append(i).append("\",\"type\":\"int\",\"default\":0}");
        }
        return new Schema.Parser().parse(json.append("]}").toString());
    }

    @Test
    void aRestartedRegistryKeepsIdsVersionsLevelsAndDeletions() {
        String topic = "_schemas_restart";
        int readingV1;
        int readingV2;
        int other;
        try (SchemaRegistryServer registry = registryOn(topic); RestSchemaRegistryClient client = client(registry)) {
            readingV1 = client.register("readings-value", record("Reading", 1));
            readingV2 = client.register("readings-value", record("Reading", 2));
            other = client.register("others-value", record("Other", 1));
            client.register("gone-value", record("Gone", 1));
            client.deleteSubject("gone-value", false);
            client.setSubjectCompatibility("readings-value", CompatibilityLevel.FULL_TRANSITIVE);
            client.setGlobalCompatibility(CompatibilityLevel.FORWARD);
        }
        try (SchemaRegistryServer registry = registryOn(topic); RestSchemaRegistryClient client = client(registry)) {
            assertThat(client.schemaById(readingV1)).isEqualTo(record("Reading", 1));
            assertThat(client.latest("readings-value")).isEqualTo(new RegisteredSchema("readings-value", 2, readingV2,
                    record("Reading", 2)));
            assertThat(client.version("others-value", "1").id()).isEqualTo(other);
            assertThat(client.subjects()).containsExactlyInAnyOrder("readings-value", "others-value");
            assertThat(client.subjectCompatibility("readings-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);
            assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FORWARD);

            int readingV3 = client.register("readings-value", record("Reading", 3));
            assertThat(readingV3).as("a new schema gets an id no earlier schema had")
                    .isNotIn(readingV1, readingV2, other).isGreaterThan(other);
            assertThat(client.register("readings-value", record("Reading", 1))).isEqualTo(readingV1);
        }
    }

    @Test
    void registriesSharingTheTopicSeeEachOthersSchemas() throws Exception {
        String topic = "_schemas_shared";
        try (SchemaRegistryServer first = registryOn(topic); SchemaRegistryServer second = registryOn(topic);
             RestSchemaRegistryClient a = client(first); RestSchemaRegistryClient b = client(second)) {
            int id = a.register("shared-value", record("Shared", 1));
            RegisteredSchema seen = eventually(() -> b.latest("shared-value"));
            assertThat(seen.id()).isEqualTo(id);
            assertThat(b.register("shared-value", record("Shared", 1))).isEqualTo(id);
        }
    }

    @Test
    void concurrentWritersOnTwoRegistriesNeverGiveOneIdToTwoSchemas() throws Exception {
        String topic = "_schemas_concurrent";
        int perWriter = 15;
        try (SchemaRegistryServer first = registryOn(topic); SchemaRegistryServer second = registryOn(topic);
             RestSchemaRegistryClient a = client(first); RestSchemaRegistryClient b = client(second)) {
            a.setGlobalCompatibility(CompatibilityLevel.NONE);
            eventually(() -> assertThat(b.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Map.Entry<Schema, Integer>>> results = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    // the same subject from both sides, and different schemas: ids and versions race
                    Schema fromA = record("FromA" + i, 1 + i % 3);
                    Schema fromB = record("FromB" + i, 1 + i % 3);
                    results.add(writers.submit(() -> Map.entry(fromA, a.register("raced-value", fromA))));
                    results.add(writers.submit(() -> Map.entry(fromB, b.register("raced-value", fromB))));
                }
                Set<Integer> ids = new HashSet<>();
                for (Future<Map.Entry<Schema, Integer>> result : results) {
                    Map.Entry<Schema, Integer> registered = result.get();
                    assertThat(ids.add(registered.getValue())).as("id %s given twice", registered.getValue()).isTrue();
                    assertThat(a.schemaById(registered.getValue())).isEqualTo(registered.getKey());
                    assertThat(eventually(() -> b.schemaById(registered.getValue()))).isEqualTo(registered.getKey());
                }
            } finally {
                writers.shutdownNow();
            }
            List<Integer> versions = eventually(() -> {
                List<Integer> seen = b.versions("raced-value");
                assertThat(seen).hasSize(2 * perWriter);
                return seen;
            });
            assertThat(versions).as("versions are contiguous").containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, 2 * perWriter).boxed().toList());
            assertThat(a.versions("raced-value")).isEqualTo(versions);
        }
    }

    /** Another instance applies a write a moment later: retry briefly. */
    private static <T> T eventually(Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return check.call();
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
