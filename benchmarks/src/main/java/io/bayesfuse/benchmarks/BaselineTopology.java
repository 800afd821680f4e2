package io.bayesfuse.benchmarks;

import io.bayesfuse.schemas.serde.SpecificAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * The yardstick of the pipeline benchmark: the shape of a bayesfuse stage without its maths.
 * Avro records in (the same serde as the stage), one small value per key read from and written
 * back to a persistent (RocksDB, changelogged) store, and the record forwarded unchanged as Avro
 * to the output topic, under the same processing guarantee. A stage's throughput divided by
 * this one's is the price of its work.
 *
 * <p>Its store has a record cache exactly when the stage it is the yardstick of has one on its per-key
 * store (the filter stage's entity states and the fusion stage's quantity headers are cached, the chunk
 * fusion's stores are not), so that both write to RocksDB and their changelog equally often.
 */
public final class BaselineTopology {

    public static final String STORE = "bench-baseline-counts";

    private BaselineTopology() {
    }

    /**
     * @param cached whether the store has a record cache (written to RocksDB and its changelog once per commit)
     */
    public static <T extends SpecificRecord> Topology build(Class<T> valueType, String inputTopic, String outputTopic,
                                                            Map<String, ?> serdeSettings, boolean cached) {
        Serde<String> keys = Serdes.String();
        StoreBuilder<KeyValueStore<String, Long>> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), keys,
                Serdes.Long());
        SpecificAvroSerde<T> values = new SpecificAvroSerde<>(valueType);
        values.configure(serdeSettings, false);
        Topology topology = new Topology();
        topology.addSource(Topology.AutoOffsetReset.EARLIEST, "baseline-source", keys.deserializer(), values.deserializer(), inputTopic)
                .addProcessor("baseline-count", CountingForwarder<T>::new, "baseline-source")
                .addStateStore(cached ? store.withCachingEnabled() : store, "baseline-count")
                .addSink("baseline-sink", outputTopic, keys.serializer(), values.serializer(), "baseline-count");
        return topology;
    }

    /** Reads and increments the key's counter, then forwards the record as it came. */
    static final class CountingForwarder<T> implements Processor<String, T, String, T> {
        private ProcessorContext<String, T> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, T> context) {
            this.context = context;
            this.counts = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, T> record) {
            Long seen = counts.get(record.key());
            counts.put(record.key(), seen == null ? 1L : seen + 1);
            context.forward(record);
        }
    }
}
