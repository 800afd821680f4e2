package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.CachingSchemaRegistryClient;
import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, ChosenSchema> chosen = new ConcurrentHashMap<>();
    /** The size of the last record written, to size the next one's buffer (a hint: races are harmless). */
    private volatile int sizeHint = 64;

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
        Schema schema = data instanceof GenericContainer container ? container.getSchema()
                : AvroSchemas.of(data, SerdeContext.describe(topic, isKey));
        WriterSchemas.Choice choice = choose(topic, schema);
        Object datum = choice.schema().equals(schema) ? data
                : converter.convert(data, schema, choice.schema(), SerdeContext.describe(topic, isKey));
        UnsynchronizedByteArrayOutputStream out = new UnsynchronizedByteArrayOutputStream(sizeHint);
        WireFormat.writeHeader(out, choice.id());
        try {
            writers.write(datum, choice.schema(), out);
        } catch (RuntimeException e) {
            throw new AvroSerdeException(SerdeContext.describe(topic, isKey) + ", schema id " + choice.id()
                    + ": the data does not match its schema: " + e, e);
        }
        sizeHint = out.size() + 16;
        return out.toByteArray();
    }

    /**
     * The schema id to write with, remembered per topic and schema when it cannot change (a
     * registered or looked-up id); the subject's latest version is asked for every time.
     */
    private WriterSchemas.Choice choose(String topic, Schema schema) {
        if (writerSchemas.followsLatestVersion()) {
            return writerSchemas.choose(topic, schema, SerdeContext.describe(topic, isKey));
        }
        ChosenSchema known = chosen.get(topic);
        if (known != null && known.schema() == schema) {
            return known.choice();
        }
        WriterSchemas.Choice choice = writerSchemas.choose(topic, schema, SerdeContext.describe(topic, isKey));
        chosen.put(topic, new ChosenSchema(schema, choice));
        return choice;
    }

    /** The choice made for a topic and the (identical) schema it was made for. */
    private record ChosenSchema(Schema schema, WriterSchemas.Choice choice) { }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
