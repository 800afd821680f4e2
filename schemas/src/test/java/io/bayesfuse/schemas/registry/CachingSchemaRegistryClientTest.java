package io.bayesfuse.schemas.registry;

import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CachingSchemaRegistryClientTest {

    private static final Schema POINT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    private static final Schema POINT_WITH_Y = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
                    + "{\"name\":\"y\",\"type\":\"int\",\"default\":0}]}");

    private static SchemaRegistryServer registry;
    private RecordingProxy proxy;
    private final AtomicLong clock = new AtomicLong();

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = RecordingProxy.forwardingTo(registry.url());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private CachingSchemaRegistryClient client(Optional<Duration> latestTtl) {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(RegistryClientConfig.of(proxy.url())),
                latestTtl, clock::get);
    }

    @Test
    void registersEachSchemaOncePerSubject() {
        try (CachingSchemaRegistryClient client = client(Optional.empty())) {
            for (int i = 0; i < 50; i++) {
                client.register("cache-a-value", POINT);
                client.register("cache-b-value", POINT);
            }
            assertThat(proxy.count("POST", "/subjects/cache-a-value/versions")).isEqualTo(1);
            assertThat(proxy.count("POST", "/subjects/cache-b-value/versions")).isEqualTo(1);
        }
    }

    @Test
    void fetchesEachIdOnceAndNotAtAllAfterRegisteringIt() {
        int id;
        try (CachingSchemaRegistryClient writer = client(Optional.empty())) {
            id = writer.register("cache-ids-value", POINT);
            for (int i = 0; i < 20; i++) {
                assertThat(writer.schemaById(id)).isEqualTo(POINT);
            }
        }
        try (CachingSchemaRegistryClient reader = client(Optional.empty())) {
            for (int i = 0; i < 20; i++) {
                assertThat(reader.schemaById(id)).isEqualTo(POINT);
            }
        }
        assertThat(proxy.count("GET", "/schemas/ids/")).isEqualTo(1);
    }

    @Test
    void looksUpEachSchemaAndFixedVersionOnce() {
        try (CachingSchemaRegistryClient client = client(Optional.empty())) {
            client.register("cache-lookup-value", POINT);
            for (int i = 0; i < 20; i++) {
                client.lookup("cache-lookup-value", POINT);
                client.version("cache-lookup-value", "1");
            }
            assertThat(proxy.count("POST", "/subjects/cache-lookup-value")
                    - proxy.count("POST", "/subjects/cache-lookup-value/versions")).isEqualTo(1);
            assertThat(proxy.count("GET", "/subjects/cache-lookup-value/versions/1")).isEqualTo(1);
        }
    }

    @Test
    void keepsTheLatestVersionForItsTimeToLiveThenAsksAgain() {
        try (CachingSchemaRegistryClient client = client(Optional.of(Duration.ofSeconds(30)))) {
            client.register("cache-latest-value", POINT);
            assertThat(client.latest("cache-latest-value").schema()).isEqualTo(POINT);
            client.register("cache-latest-value", POINT_WITH_Y);
            clock.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(client.latest("cache-latest-value").schema()).isEqualTo(POINT);

            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(client.latest("cache-latest-value").schema()).isEqualTo(POINT_WITH_Y);
            assertThat(proxy.count("GET", "/subjects/cache-latest-value/versions/latest")).isEqualTo(2);
        }
    }

    @Test
    void aZeroTimeToLiveNeverCachesTheLatestVersion() {
        try (CachingSchemaRegistryClient client = client(Optional.of(Duration.ZERO))) {
            client.register("cache-nottl-value", POINT);
            client.latest("cache-nottl-value");
            client.latest("cache-nottl-value");
            assertThat(proxy.count("GET", "/subjects/cache-nottl-value/versions/latest")).isEqualTo(2);
        }
    }

    @Test
    void deletingASubjectThroughTheClientForgetsWhatItCachedForIt() {
        try (CachingSchemaRegistryClient client = client(Optional.empty())) {
            client.register("cache-forget-value", POINT);
            client.deleteSubject("cache-forget-value", false);
            client.register("cache-forget-value", POINT);
            assertThat(proxy.count("POST", "/subjects/cache-forget-value/versions")).isEqualTo(2);
            assertThat(client.versions("cache-forget-value")).containsExactly(2);
        }
    }
}
