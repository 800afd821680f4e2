package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.Optional;

/** Reads Confluent wire-format records as {@link GenericRecord}s in their writer's schema. */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {

    private final AvroDeserializer inner;

    public GenericAvroDeserializer() {
        this(null);
    }

    /** Uses this client (not closed by {@link #close()}). */
    public GenericAvroDeserializer(SchemaRegistryClient client) {
        this.inner = new AvroDeserializer(client, AvroDeserializer.ReadMode.GENERIC, Optional.empty());
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        inner.configure(settings, isKey);
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] bytes) {
        Object datum = inner.deserialize(topic, bytes);
        if (datum == null || datum instanceof GenericRecord) {
            return (GenericRecord) datum;
        }
        throw new AvroSerdeException("topic '" + topic + "': the data is a " + datum.getClass().getSimpleName()
                + ", not a record; read it with AvroDeserializer");
    }

    @Override
    public void close() {
        inner.close();
    }
}
