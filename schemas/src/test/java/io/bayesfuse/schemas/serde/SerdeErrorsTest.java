package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.ClosedPort;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.testing.SensorReading;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each failure names the topic, the schema id and the cause, as a Kafka SerializationException. */
class SerdeErrorsTest {

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static AvroDeserializer deserializer(String url) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(Map.of(RegistryClientConfig.URL, url), false);
        return deserializer;
    }

    /** A wire-format header for the id followed by a few bytes. */
    private static byte[] framed(int id) {
        return new byte[]{0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id, 2, 4};
    }

    @Test
    void anUnreachableRegistryWhileReadingNamesTopicIdAndTheConnectionFailure() {
        String nowhere = ClosedPort.url();
        try (AvroDeserializer deserializer = deserializer(nowhere)) {
            assertThatThrownBy(() -> deserializer.deserialize("measurements", framed(7)))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("topic 'measurements' (value)")
                    .hasMessageContaining("schema id 7")
                    .hasMessageContaining("schema registry unreachable")
                    .hasMessageContaining(nowhere)
                    .hasMessageContaining("ConnectException");
        }
    }

    @Test
    void anUnreachableRegistryWhileWritingNamesTopicSubjectAndTheConnectionFailure() {
        String nowhere = ClosedPort.url();
        try (SpecificAvroSerializer<SensorReading> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(Map.of(RegistryClientConfig.URL, nowhere), false);
            SensorReading reading = SensorReading.newBuilder().setSensorId("s").setValue(1)
                    .setTimestamp(Instant.EPOCH).build();
            assertThatThrownBy(() -> serializer.serialize("estimates", reading))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("topic 'estimates' (value)")
                    .hasMessageContaining("subject 'estimates-value'")
                    .hasMessageContaining("schema id unknown")
                    .hasMessageContaining(nowhere);
        }
    }

    @Test
    void anUnknownSchemaIdNamesTopicIdAndTheRegistrysAnswer() {
        try (AvroDeserializer deserializer = deserializer(registry.url())) {
            assertThatThrownBy(() -> deserializer.deserialize("fused", framed(31337)))
                    .isInstanceOf(UnknownSchemaIdException.class)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("topic 'fused' (value)")
                    .hasMessageContaining("schema id 31337")
                    .hasMessageContaining("40403");
        }
    }

    @Test
    void aWrongMagicByteNamesTopicTheByteAndWhatTheIdWouldHaveBeen() {
        byte[] json = "{\"sensor\":1}".getBytes(StandardCharsets.UTF_8);
        try (AvroDeserializer deserializer = deserializer(registry.url())) {
            assertThatThrownBy(() -> deserializer.deserialize("measurements", json))
                    .isInstanceOf(InvalidWireFormatException.class)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("topic 'measurements' (value)")
                    .hasMessageContaining("magic byte 0x7B")
                    .hasMessageContaining("schema id")
                    .hasMessageContaining("not in the Confluent wire format");
        }
    }

    @Test
    void bytesThatDoNotDecodeWithTheWriterSchemaNameTopicAndId() throws Exception {
        int id;
        try (var admin = new io.bayesfuse.schemas.registry.RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()))) {
            id = admin.register("truncated-value", SensorReading.getClassSchema());
        }
        try (AvroDeserializer deserializer = deserializer(registry.url())) {
            assertThatThrownBy(() -> deserializer.deserialize("truncated", framed(id)))
                    .isInstanceOf(AvroSerdeException.class)
                    .hasMessageContaining("topic 'truncated' (value)")
                    .hasMessageContaining("schema id " + id)
                    .hasMessageContaining("do not decode");
        }
    }

    @Test
    void aSerdeUsedBeforeConfigureSaysSo() {
        assertThatThrownBy(() -> new AvroSerializer().serialize("t", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("configure()");
    }

    @Test
    void aValueWithoutAnAvroSchemaIsRefusedNamingItsClass() {
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(Map.of(RegistryClientConfig.URL, registry.url()), false);
            assertThatThrownBy(() -> serializer.serialize("t", new java.util.Date()))
                    .isInstanceOf(AvroSerdeException.class).hasMessageContaining("java.util.Date");
        }
    }
}
