package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.RestSchemaRegistryClient;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.testing.SensorReading;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.bayesfuse.schemas.serde.AvroSerdeRoundTripTest.SENSOR_READING_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** auto.register.schemas and use.latest.version decide which schema id a record is written with. */
class SerdeRegistrationSettingsTest {

    private static SchemaRegistryServer registry;
    private static RestSchemaRegistryClient admin;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
        admin = new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        admin.close();
        registry.close();
    }

    private static Map<String, Object> settings(String... keysAndValues) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(RegistryClientConfig.URL, registry.url());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return settings;
    }

    private static GenericRecord v1Reading() {
        GenericRecord record = new GenericData.Record(SENSOR_READING_V1);
        record.put("sensorId", "tag-3");
        record.put("value", 9.0);
        record.put("timestamp", 5L);
        return record;
    }

    private static int idIn(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    @Test
    void withAutoRegistrationOffAnUnregisteredSchemaIsAnErrorNamingTopicAndSubject() {
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(settings("auto.register.schemas", "false"), false);
            assertThatThrownBy(() -> serializer.serialize("unregistered", v1Reading()))
                    .isInstanceOf(AvroSerdeException.class)
                    .hasMessageContaining("topic 'unregistered' (value)")
                    .hasMessageContaining("subject 'unregistered-value'")
                    .hasMessageContaining("auto.register.schemas=false")
                    .hasMessageContaining("40401");
            assertThat(admin.subjects()).doesNotContain("unregistered-value");
        }
    }

    @Test
    void withAutoRegistrationOffARegisteredSchemaIsLookedUpAndItsIdUsed() {
        int id = admin.register("preregistered-value", SENSOR_READING_V1);
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(settings("auto.register.schemas", "false"), false);
            assertThat(idIn(serializer.serialize("preregistered", v1Reading()))).isEqualTo(id);
            assertThat(admin.versions("preregistered-value")).containsExactly(1);
        }
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaConvertingTheRecordToIt() {
        admin.register("latest-value", SENSOR_READING_V1);
        int latestId = admin.register("latest-value", SensorReading.getClassSchema());
        byte[] bytes;
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(settings("auto.register.schemas", "false", "use.latest.version", "true"), false);
            bytes = serializer.serialize("latest", v1Reading());
        }
        assertThat(idIn(bytes)).isEqualTo(latestId);
        try (SpecificAvroDeserializer<SensorReading> deserializer = new SpecificAvroDeserializer<>(SensorReading.class)) {
            deserializer.configure(settings(), false);
            SensorReading read = deserializer.deserialize("latest", bytes);
            assertThat(read.getSensorId()).isEqualTo("tag-3");
            assertThat(read.getTimestamp()).isEqualTo(Instant.ofEpochMilli(5));
            assertThat(read.getQuality()).isEqualTo(100);
        }
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotReadTheRecord() {
        admin.register("latest-incompatible-value", SensorReading.getClassSchema());
        GenericRecord unrelated = new GenericData.Record(new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"SensorReading\",\"namespace\":\"io.bayesfuse.schemas.testing\","
                        + "\"fields\":[{\"name\":\"other\",\"type\":\"int\"}]}"));
        unrelated.put("other", 1);
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(settings("auto.register.schemas", "false", "use.latest.version", "true"), false);
            assertThatThrownBy(() -> serializer.serialize("latest-incompatible", unrelated))
                    .isInstanceOf(AvroSerdeException.class)
                    .hasMessageContaining("topic 'latest-incompatible' (value)")
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        admin.register("strict-value", SensorReading.getClassSchema());
        org.apache.avro.Schema changed = new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"SensorReading\",\"namespace\":\"io.bayesfuse.schemas.testing\","
                        + "\"fields\":[{\"name\":\"sensorId\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(changed);
        record.put("sensorId", 1);
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(settings(), false);
            assertThatThrownBy(() -> serializer.serialize("strict", record))
                    .isInstanceOf(AvroSerdeException.class)
                    .hasMessageContaining("subject 'strict-value'")
                    .hasMessageContaining("incompatible")
                    .hasMessageContaining("409");
        }
    }
}
