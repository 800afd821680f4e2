package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** Writes generated Avro records in the Confluent wire format (see {@link AvroSerializer}). */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final AvroSerializer inner;

    public SpecificAvroSerializer() {
        this.inner = new AvroSerializer();
    }

    /** Uses this client (not closed by {@link #close()}). */
    public SpecificAvroSerializer(SchemaRegistryClient client) {
        this.inner = new AvroSerializer(client);
    }

    @Override
    public void configure(Map<String, ?> settings, boolean isKey) {
        inner.configure(settings, isKey);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        return inner.serialize(topic, record);
    }

    @Override
    public void close() {
        inner.close();
    }
}
