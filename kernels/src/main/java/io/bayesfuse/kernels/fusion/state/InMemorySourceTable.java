package io.bayesfuse.kernels.fusion.state;

import java.util.TreeMap;
import java.util.function.Consumer;

/** A {@link SourceTable} in memory, for the offline commands and tests. */
public final class InMemorySourceTable implements SourceTable {

    private final TreeMap<String, SourceRecord> records = new TreeMap<>(ORDER);

    @Override
    public SourceRecord get(String sourceId) {
        return records.get(sourceId);
    }

    @Override
    public void put(SourceRecord record) {
        records.put(record.sourceId(), record);
    }

    @Override
    public void remove(String sourceId) {
        records.remove(sourceId);
    }

    @Override
    public void forEach(Consumer<SourceRecord> action) {
        records.values().forEach(action);
    }

    /** The number of records, contributing and retracted. */
    public int size() {
        return records.size();
    }
}
