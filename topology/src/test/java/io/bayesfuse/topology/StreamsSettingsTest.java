package io.bayesfuse.topology;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsSettingsTest {

    @Test
    void anInstanceAdvertisesItsHttpAddressAsApplicationServer() {
        BayesfuseConfig config = ConfigLoader.parse("""
                kafka: {bootstrap.servers: "k:9092", num.standby.replicas: "1"}
                schemaRegistry: {schema.registry.url: "http://r:8081"}
                http: {host: 0.0.0.0, advertisedHost: node-2, port: 0}
                """, "test");
        Map<String, Object> settings = StreamsSettings.forInstance(config, 8123);
        assertThat(settings).containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "node-2:8123")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("num.standby.replicas", "1")
                .containsEntry("schema.registry.url", "http://r:8081");
    }

    @Test
    void producersBatchUpTo128KilobytesUnlessTheKafkaSectionSaysOtherwise() {
        BayesfuseConfig defaults = ConfigLoader.parse("application: {id: x}", "test");
        assertThat(StreamsSettings.of(defaults)).containsEntry("producer.batch.size", 131_072);
        BayesfuseConfig small = ConfigLoader.parse("kafka: {producer.batch.size: \"512\"}", "test");
        assertThat(StreamsSettings.of(small)).containsEntry("producer.batch.size", "512");
        BayesfuseConfig forEveryClient = ConfigLoader.parse("kafka: {batch.size: \"512\"}", "test");
        assertThat(StreamsSettings.of(forEveryClient)).containsEntry("batch.size", "512").doesNotContainKey("producer.batch.size");
    }

    @Test
    void aMissingBootstrapServersOrRegistryIsNamed() {
        BayesfuseConfig config = ConfigLoader.parse("application: {id: x}", "test");
        assertThatThrownBy(() -> StreamsSettings.forInstance(config, 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap.servers: is required")
                .hasMessageContaining("schemaRegistry.schema.registry.url: is required");
    }

    @Test
    void anInvalidKafkaSettingIsReportedWithItsName() {
        BayesfuseConfig config = ConfigLoader.parse("""
                kafka: {bootstrap.servers: "k:9092", num.stream.threads: many}
                schemaRegistry: {schema.registry.url: "http://r:8081"}
                """, "test");
        assertThatThrownBy(() -> StreamsSettings.forInstance(config, 8080))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka:")
                .hasMessageContaining("num.stream.threads");
    }

    @Test
    void applicationServerIsNotSetByHand() {
        BayesfuseConfig config = ConfigLoader.parse("""
                kafka: {bootstrap.servers: "k:9092", application.server: "a:1"}
                schemaRegistry: {schema.registry.url: "http://r:8081"}
                """, "test");
        assertThatThrownBy(() -> StreamsSettings.forInstance(config, 8080))
                .hasMessageContaining("kafka.application.server: is derived from http.advertisedHost and http.port");
    }
}
