package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.CachingSchemaRegistryClient;
import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Serializes Avro data (generated records, {@code GenericRecord}s, enums, fixed, primitives) in
 * the Confluent wire format, the counterpart of Confluent's {@code KafkaAvroSerializer}: the
 * schema id comes from the registry per {@link AvroSerdeConfig}, lookups are cached.
 *
 * <p>Create it with no arguments and {@link #configure} (Kafka does this from
 * {@code key.serializer} / {@code value.serializer}), or hand it a registry client to share.
 */
public class AvroSerializer implements Serializer<Object> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private WriterSchemas writerSchemas;
    private final DatumWriters writers = new DatumWriters();
    private final SchemaConverter converter = new SchemaConverter(writers);

    /** A serializer that creates its own registry client from the settings given to {@link #configure}. */
    public AvroSerializer() {
    }

    /** A serializer using this client (not closed by {@link #close()}). */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A serializer using this client, configured at once. */
    public AvroSerializer(SchemaRegistryClient client, Map<String, ?> settings, boolean isKey) {
        this(client);
        configure(settings, isKey);
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(settings, isKey);
        if (client == null) {
            client = CachingSchemaRegistryClient.of(config.registryClient());
            ownsClient = true;
        }
        this.isKey = isKey;
        this.writerSchemas = new WriterSchemas(client, config, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (writerSchemas == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): give it the serde settings first");
        }
        String where = SerdeContext.describe(topic, isKey);
        Schema schema = AvroSchemas.of(data, where);
        WriterSchemas.Choice choice = writerSchemas.choose(topic, schema, where);
        Object datum = choice.schema().equals(schema) ? data : converter.convert(data, schema, choice.schema(), where);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        WireFormat.writeHeader(out, choice.id());
        try {
            writers.write(datum, choice.schema(), out);
        } catch (RuntimeException e) {
            throw new AvroSerdeException(where + ", schema id " + choice.id() + ": the data does not match its schema: "
                    + e, e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
