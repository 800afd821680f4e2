package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.CachingSchemaRegistryClient;
import io.bayesfuse.schemas.registry.RegistryErrorCode;
import io.bayesfuse.schemas.registry.RegistryException;
import io.bayesfuse.schemas.registry.RegistryRequestException;
import io.bayesfuse.schemas.registry.RegistryUnreachableException;
import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Confluent wire-format bytes back into Avro data, the counterpart of Confluent's
 * {@code KafkaAvroDeserializer}: the writer schema is fetched by the id in the header (cached) and
 * resolved to the reader schema. With {@code specific.avro.reader=true} records come back as their
 * generated classes, otherwise as {@code GenericRecord}s; a top-level string comes back as a
 * {@code String}.
 */
public class AvroDeserializer implements Deserializer<Object> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private ReaderSchemas readerSchemas;
    private final ReadMode mode;
    private final Optional<Class<?>> specificType;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** A deserializer that creates its own registry client from the settings given to {@link #configure}. */
    public AvroDeserializer() {
        this(null, ReadMode.AS_CONFIGURED, Optional.empty());
    }

    /** A deserializer using this client (not closed by {@link #close()}). */
    public AvroDeserializer(SchemaRegistryClient client) {
        this(client, ReadMode.AS_CONFIGURED, Optional.empty());
    }

    /** A deserializer using this client, configured at once. */
    public AvroDeserializer(SchemaRegistryClient client, Map<String, ?> settings, boolean isKey) {
        this(client, ReadMode.AS_CONFIGURED, Optional.empty());
        configure(settings, isKey);
    }

    /** Whether records are read as generic data, as generated classes, or as the settings say. */
    enum ReadMode { AS_CONFIGURED, GENERIC, SPECIFIC }

    /**
     * For the typed deserializers: read in this mode whatever {@code specific.avro.reader} says;
     * {@code specificType} is the generated class to read into (else the setting, else the class the
     * writer schema names).
     */
    AvroDeserializer(SchemaRegistryClient client, ReadMode mode, Optional<Class<?>> specificType) {
        this.client = client;
        this.mode = mode;
        this.specificType = specificType;
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.from(settings, isKey);
        if (client == null) {
            client = CachingSchemaRegistryClient.of(config.registryClient());
            ownsClient = true;
        }
        this.isKey = isKey;
        boolean specific = mode == ReadMode.SPECIFIC || (mode == ReadMode.AS_CONFIGURED && config.specificReader());
        this.readerSchemas = specific
                ? ReaderSchemas.specific(specificType.or(config::specificType))
                : ReaderSchemas.generic();
        readers.clear();
    }

    @Override
    public Object deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (readerSchemas == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): give it the serde settings first");
        }
        String where = SerdeContext.describe(topic, isKey);
        int id = WireFormat.schemaId(bytes, where);
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = readerSchemas.readerFor(writerSchema(id, where), id, where);
            readers.put(id, reader);
        }
        try {
            Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(
                    bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null));
            return datum instanceof Utf8 ? datum.toString() : datum;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new AvroSerdeException(where + ", schema id " + id + ": the " + (bytes.length - WireFormat.HEADER_SIZE)
                    + " bytes after the header do not decode with the writer schema: " + e, e);
        }
    }

    private Schema writerSchema(int id, String where) {
        try {
            return client.schemaById(id);
        } catch (RegistryUnreachableException e) {
            throw new SchemaRegistryUnavailableException(where + ", schema id " + id
                    + ": cannot fetch the writer schema: " + e.getMessage(), e);
        } catch (RegistryRequestException e) {
            if (e.is(RegistryErrorCode.SCHEMA_NOT_FOUND)) {
                throw new UnknownSchemaIdException(where + ", schema id " + id + ": the registry has no schema with this id ("
                        + e.getMessage() + "); was the data written against another registry?", e);
            }
            throw new AvroSerdeException(where + ", schema id " + id + ": cannot fetch the writer schema: "
                    + e.getMessage(), e);
        } catch (RegistryException e) {
            throw new AvroSerdeException(where + ", schema id " + id + ": cannot fetch the writer schema: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
