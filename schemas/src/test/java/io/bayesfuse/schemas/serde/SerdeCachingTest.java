package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.RecordingProxy;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.testing.SensorReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The serdes ask the registry once per schema, not once per record. */
class SerdeCachingTest {

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void aThousandRecordsCostOneRegistrationAndOneSchemaFetch() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.forwardingTo(registry.url());
             SpecificAvroSerde<SensorReading> serde = new SpecificAvroSerde<>(SensorReading.class)) {
            serde.configure(Map.of(RegistryClientConfig.URL, proxy.url()), false);
            for (int i = 0; i < 1000; i++) {
                SensorReading reading = SensorReading.newBuilder().setSensorId("s" + i).setValue(i)
                        .setTimestamp(Instant.ofEpochMilli(i)).build();
                byte[] bytes = serde.serializer().serialize("cached", reading);
                assertThat(serde.deserializer().deserialize("cached", bytes)).isEqualTo(reading);
            }
            assertThat(proxy.count("POST", "/subjects/cached-value/versions")).isEqualTo(1);
            assertThat(proxy.count("GET", "/schemas/ids/")).isEqualTo(1);
            assertThat(proxy.requests()).hasSize(2);
        }
    }
}
