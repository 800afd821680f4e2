package io.bayesfuse.topology.live;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Validates each record of the config topic against the configuration it would produce (the file,
 * every accepted record, and this one) before any processor sees it. An accepted record is
 * forwarded to the validated-config topic that feeds every instance's global store; a refused one
 * is dead-lettered with reason INVALID_CONFIG and the last good configuration stays in force.
 *
 * <p>The config topic has a single partition, so one task sees every record in order and keeps the
 * accepted ones in its own store: validation never races the global store's updates.
 */
public final class ConfigValidator implements Processor<String, ConfigRecord, String, ConfigRecord> {

    private final BayesfuseConfig base;
    private final String acceptedStoreName;
    private final Consumer<BayesfuseConfig> compile;
    private ProcessorContext<String, ConfigRecord> context;
    private KeyValueStore<String, ConfigRecord> accepted;

    /**
     * @param base              the configuration file
     * @param acceptedStoreName the store of accepted records
     * @param compile           builds what the candidate configuration would run (filters, fusion rules),
     *                          throwing {@link ConfigException} when its parts do not fit
     */
    public ConfigValidator(BayesfuseConfig base, String acceptedStoreName, Consumer<BayesfuseConfig> compile) {
        this.base = base;
        this.acceptedStoreName = acceptedStoreName;
        this.compile = compile;
    }

    @Override
    public void init(ProcessorContext<String, ConfigRecord> context) {
        this.context = context;
        this.accepted = context.getStateStore(acceptedStoreName);
    }

    @Override
    public void process(Record<String, ConfigRecord> record) {
        String key = record.key();
        if (key == null) {
            throw new DeadLetterException(DeadLetterReason.INVALID_CONFIG, "a configuration record needs a key '<kind>/<id>', but this one has no key");
        }
        Map<String, ConfigRecord> candidate = new HashMap<>();
        try (KeyValueIterator<String, ConfigRecord> all = accepted.all()) {
            while (all.hasNext()) {
                KeyValue<String, ConfigRecord> e = all.next();
                candidate.put(e.key, e.value);
            }
        }
        if (record.value() == null) {
            candidate.remove(key);
        } else {
            candidate.put(key, record.value());
        }
        try {
            BayesfuseConfig config = ConfigOverrides.apply(base, candidate);
            config.validate();
            compile.accept(config);
        } catch (ConfigException e) {
            throw new DeadLetterException(DeadLetterReason.INVALID_CONFIG, "configuration record '" + key
                    + "' refused, the previous configuration stays: " + e.getMessage(), e);
        }
        if (record.value() == null) {
            accepted.delete(key);
        } else {
            accepted.put(key, record.value());
        }
        context.forward(record);
    }
}
