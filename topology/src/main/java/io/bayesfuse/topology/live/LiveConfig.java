package io.bayesfuse.topology.live;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A processor's view of the configuration: the file with the accepted config-topic records from
 * the global store applied, compiled into whatever the processor runs ({@code T}). It recompiles
 * only when the store's {@link ConfigGeneration} moved, so a live change takes effect for the next
 * record at the cost of one counter read per record.
 *
 * @param <T> the compiled form (e.g. the filters of the filter stage)
 */
public final class LiveConfig<T> {

    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

    private final BayesfuseConfig base;
    private final ReadOnlyKeyValueStore<String, ConfigRecord> overrides;
    private final ConfigGeneration generation;
    private final Function<BayesfuseConfig, T> compile;
    private long compiledGeneration = Long.MIN_VALUE;
    private T current;
    private BayesfuseConfig currentConfig;

    public LiveConfig(BayesfuseConfig base, ReadOnlyKeyValueStore<String, ConfigRecord> overrides,
                      ConfigGeneration generation, Function<BayesfuseConfig, T> compile) {
        this.base = base;
        this.overrides = overrides;
        this.generation = generation;
        this.compile = compile;
    }

    /** The compiled configuration in force. */
    public T current() {
        long g = generation.current();
        if (g != compiledGeneration) {
            recompile();
            compiledGeneration = g;
        }
        return current;
    }

    /** The configuration in force (after {@link #current()}). */
    public BayesfuseConfig config() {
        current();
        return currentConfig;
    }

    private void recompile() {
        List<Map.Entry<String, ConfigRecord>> records = new ArrayList<>();
        try (KeyValueIterator<String, ConfigRecord> all = overrides.all()) {
            while (all.hasNext()) {
                KeyValue<String, ConfigRecord> e = all.next();
                records.add(Map.entry(e.key, e.value));
            }
        }
        try {
            BayesfuseConfig config = ConfigOverrides.apply(base, records);
            config.validate();
            current = compile.apply(config);
            currentConfig = config;
        } catch (ConfigException e) {
            // the validator accepted every record, so only a changed file can get here
            if (current == null) {
                log.error("the accepted live configuration does not fit the configuration file any more; "
                        + "running on the file alone: {}", e.getMessage());
                current = compile.apply(base);
                currentConfig = base;
            } else {
                log.error("configuration change refused, the previous configuration stays: {}", e.getMessage());
            }
        }
    }
}
