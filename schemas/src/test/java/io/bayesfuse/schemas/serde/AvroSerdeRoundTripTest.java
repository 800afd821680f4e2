package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.CachingSchemaRegistryClient;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.testing.SensorReading;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Records go through the serdes and come back equal, or resolved to the reader's schema. */
class AvroSerdeRoundTripTest {

    static final Schema SENSOR_READING_V1 = readSchema("/evolution/sensor-reading-v1.avsc");

    private static SchemaRegistryServer registry;
    private static Map<String, Object> settings;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
        settings = Map.of(RegistryClientConfig.URL, registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Schema readSchema(String resource) {
        try (InputStream in = AvroSerdeRoundTripTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static SensorReading reading() {
        return SensorReading.newBuilder().setSensorId("radar-2").setValue(12.5)
                .setTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)).setQuality(87).build();
    }

    private static <T> T roundTrip(Serde<T> serde, String topic, T value) {
        serde.configure(settings, false);
        try (serde) {
            byte[] bytes = serde.serializer().serialize(topic, value);
            return serde.deserializer().deserialize(topic, bytes);
        }
    }

    @Test
    void aGeneratedRecordComesBackEqualIncludingItsLogicalTypes() {
        SensorReading back = roundTrip(new SpecificAvroSerde<>(SensorReading.class), "specific", reading());
        assertThat(back).isEqualTo(reading());
        assertThat(back.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void aGenericRecordComesBackEqual() {
        GenericRecord record = new GenericData.Record(SENSOR_READING_V1);
        record.put("sensorId", "gps-1");
        record.put("value", -1.25);
        record.put("timestamp", 42L);
        GenericRecord back = roundTrip(new GenericAvroSerde(), "generic", record);
        assertThat(back).isEqualTo(record);
        assertThat(back.getSchema()).isEqualTo(SENSOR_READING_V1);
    }

    @Test
    void dataWrittenWithAnOlderSchemaReadsIntoTheCurrentClassWithDefaults() {
        GenericRecord old = new GenericData.Record(SENSOR_READING_V1);
        old.put("sensorId", "gps-1");
        old.put("value", 3.0);
        old.put("timestamp", 1_000L);
        byte[] bytes;
        try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
            serializer.configure(settings, false);
            bytes = serializer.serialize("evolving", old);
        }
        try (SpecificAvroDeserializer<SensorReading> deserializer = new SpecificAvroDeserializer<>(SensorReading.class)) {
            deserializer.configure(settings, false);
            SensorReading read = deserializer.deserialize("evolving", bytes);
            assertThat(read.getSensorId()).isEqualTo("gps-1");
            assertThat(read.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000L));
            assertThat(read.getQuality()).as("the default of the field added in version 2").isEqualTo(100);
        }
    }

    @Test
    void theGeneralDeserializerReadsGeneratedClassesOnlyWhenSpecificReaderIsOn() {
        byte[] bytes;
        try (SpecificAvroSerializer<SensorReading> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(settings, false);
            bytes = serializer.serialize("general", reading());
        }
        try (AvroDeserializer generic = new AvroDeserializer();
             AvroDeserializer specific = new AvroDeserializer()) {
            generic.configure(settings, false);
            specific.configure(Map.of(RegistryClientConfig.URL, registry.url(), "specific.avro.reader", "true"), false);
            assertThat(generic.deserialize("general", bytes)).isInstanceOf(GenericRecord.class)
                    .isNotInstanceOf(SpecificRecord.class);
            assertThat(specific.deserialize("general", bytes)).isEqualTo(reading());
        }
    }

    @Test
    void aSpecificSerdeWithoutAClassReadsTheClassTheWriterSchemaNames() {
        assertThat(roundTrip(new SpecificAvroSerde<SensorReading>(), "by-name", reading())).isEqualTo(reading());
    }

    @Test
    void primitiveKeysRoundTripAsJavaValues() {
        try (AvroSerializer serializer = new AvroSerializer(); AvroDeserializer deserializer = new AvroDeserializer()) {
            serializer.configure(settings, true);
            deserializer.configure(settings, true);
            for (Object key : new Object[]{"entity-7", 7, 7L, 2.5f, 2.5, true}) {
                String topic = "keys-" + key.getClass().getSimpleName();
                assertThat(deserializer.deserialize(topic, serializer.serialize(topic, key))).isEqualTo(key);
            }
        }
    }

    @Test
    void nullStaysNullBothWays() {
        try (GenericAvroSerde serde = new GenericAvroSerde()) {
            serde.configure(settings, false);
            assertThat(serde.serializer().serialize("nulls", null)).isNull();
            assertThat(serde.deserializer().deserialize("nulls", null)).isNull();
        }
    }

    @Test
    void registersUnderTheSubjectTheStrategyNames() {
        try (SchemaRegistryClient client = CachingSchemaRegistryClient.of(RegistryClientConfig.of(registry.url()))) {
            serializeWith(Map.of(), false, "strategy-topic");
            serializeWith(Map.of("value.subject.name.strategy", "RecordNameStrategy"), false, "strategy-record");
            serializeWith(Map.of("key.subject.name.strategy",
                    "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), true, "strategy-topic-record");
            assertThat(client.subjects()).contains(
                    "strategy-topic-value",
                    "io.bayesfuse.schemas.testing.SensorReading",
                    "strategy-topic-record-io.bayesfuse.schemas.testing.SensorReading");
        }
    }

    private static void serializeWith(Map<String, Object> strategy, boolean isKey, String topic) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        all.putAll(strategy);
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(all, isKey);
            serializer.serialize(topic, reading());
        }
    }
}
