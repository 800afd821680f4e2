package io.bayesfuse.topology.live;

import io.bayesfuse.avro.ConfigRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global configuration store: every instance holds all validated configuration records
 * and bumps its {@link ConfigGeneration} on each change so its processors recompile.
 */
public final class ConfigStoreUpdater implements Processor<String, ConfigRecord, Void, Void> {

    private final String storeName;
    private final ConfigGeneration generation;
    private KeyValueStore<String, ConfigRecord> store;

    public ConfigStoreUpdater(String storeName, ConfigGeneration generation) {
        this.storeName = storeName;
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ConfigRecord> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        generation.bump();
    }
}
