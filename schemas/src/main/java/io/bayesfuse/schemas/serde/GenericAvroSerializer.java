package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** Writes {@link GenericRecord}s in the Confluent wire format (see {@link AvroSerializer}). */
public class GenericAvroSerializer implements Serializer<GenericRecord> {

    private final AvroSerializer inner;

    public GenericAvroSerializer() {
        this.inner = new AvroSerializer();
    }

    /** Uses this client (not closed by {@link #close()}). */
    public GenericAvroSerializer(SchemaRegistryClient client) {
        this.inner = new AvroSerializer(client);
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        inner.configure(settings, isKey);
    }

    @Override
    public byte[] serialize(String topic, GenericRecord record) {
        return inner.serialize(topic, record);
    }

    @Override
    public void close() {
        inner.close();
    }
}
