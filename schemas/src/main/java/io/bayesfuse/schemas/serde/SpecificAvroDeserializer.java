package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.Optional;

/**
 * Reads Confluent wire-format records into a generated class. The writer schema (from the
 * registry) is resolved to the class's schema, so data written with an older or newer compatible
 * schema reads as the class expects. Without a class argument, the class is
 * {@code specific.avro.value.type} / {@code specific.avro.key.type}, else the one the writer
 * schema names.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final AvroDeserializer inner;
    private final Optional<Class<T>> type;

    public SpecificAvroDeserializer() {
        this(null, Optional.empty());
    }

    /** Reads into {@code type}. */
    public SpecificAvroDeserializer(Class<T> type) {
        this(null, Optional.of(type));
    }

    /** Reads into {@code type} using this client (not closed by {@link #close()}). */
    public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this(client, Optional.of(type));
    }

    private SpecificAvroDeserializer(SchemaRegistryClient client, Optional<Class<T>> type) {
        this.type = type;
        this.inner = new AvroDeserializer(client, AvroDeserializer.ReadMode.SPECIFIC, type.map(t -> t));
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        inner.configure(settings, isKey);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] bytes) {
        Object datum = inner.deserialize(topic, bytes);
        if (datum == null) {
            return null;
        }
        if (!(datum instanceof SpecificRecord) || (type.isPresent() && !type.get().isInstance(datum))) {
            throw new AvroSerdeException("topic '" + topic + "': read a " + datum.getClass().getName() + ", expected "
                    + type.map(Class::getName).orElse("a generated Avro record"));
        }
        return (T) datum;
    }

    @Override
    public void close() {
        inner.close();
    }
}
