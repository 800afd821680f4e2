package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.RegistryClientConfig;
import io.bayesfuse.schemas.registry.RestSchemaRegistryClient;
import io.bayesfuse.schemas.registry.server.InMemorySchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaClaim;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Confluent wire format, byte for byte. */
class WireFormatTest {

    private static final Schema POINT = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Point\",\"fields\":["
            + "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"count\",\"type\":\"long\"},{\"name\":\"label\",\"type\":\"string\"}]}");
    /** 0x01020304: every byte differs, so byte order shows. */
    private static final int KNOWN_ID = 16909060;

    private static SchemaRegistryServer registry;
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void startRegistryHoldingPointUnderTheKnownId() {
        InMemorySchemaStore store = new InMemorySchemaStore();
        store.append(new SchemaClaim("points-value", 1, KNOWN_ID, POINT.toString()));
        registry = SchemaRegistryServer.builder().port(0).store(store).start();
        client = new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    @AfterAll
    static void stop() {
        client.close();
        registry.close();
    }

    private static GenericRecord point() {
        GenericRecord point = new GenericData.Record(POINT);
        point.put("x", -3);
        point.put("count", 300L);
        point.put("label", "ab");
        return point;
    }

    private static byte[] expectedBytes() {
        return new byte[]{
                0x00,                   // magic byte
                0x01, 0x02, 0x03, 0x04, // schema id 16909060, big-endian
                0x05,                   // x = -3, zig-zag varint
                (byte) 0xD8, 0x04,      // count = 300, zig-zag varint (600 = 0x58 | 0x80, 0x04)
                0x04, 0x61, 0x62};      // label: length 2 (zig-zag 4), "ab"
    }

    @Test
    void aRecordIsMagicByteThenBigEndianSchemaIdThenAvroBinary() {
        try (AvroSerializer serializer = new AvroSerializer(client, Map.of(), false)) {
            assertThat(serializer.serialize("points", point())).containsExactly(expectedBytes());
        }
    }

    @Test
    void handMadeWireFormatBytesReadBackAsTheRecord() {
        try (AvroDeserializer deserializer = new AvroDeserializer(client, Map.of(), false)) {
            assertThat(deserializer.deserialize("points", expectedBytes())).isEqualTo(point());
        }
    }

    @Test
    void theHeaderIsFiveBytesWithTheIdBigEndian() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, 0x7F00FF01);
        assertThat(out.toByteArray()).containsExactly(0x00, 0x7F, 0x00, 0xFF, 0x01);
        assertThat(WireFormat.schemaId(out.toByteArray(), "here")).isEqualTo(0x7F00FF01);
    }

    @Test
    void fewerThanFiveBytesAreNotTheWireFormat() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[]{0, 0, 1}, "topic 't' (value)"))
                .isInstanceOf(InvalidWireFormatException.class)
                .hasMessageContaining("topic 't' (value)")
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("no schema id can be read");
    }
}
