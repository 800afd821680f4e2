package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.codec.FusionRecordCodec;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.kernels.fusion.state.SourceTable;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One fusion key's {@link SourceRecord}s in the source store, one entry per source
 * ({@link FusionKeys#source}). Changes are held back until {@link #flush()}: a record the stage
 * refuses halfway (a fused precision that is not positive definite) leaves the stores as they
 * were. The flush also keeps the {@link ExpiryIndex} in step with the records: an entry per
 * source at (last heard of + time to live) while the quantity has a time to live.
 *
 * <p>Read-only when built without an index (interactive queries).
 */
final class StoreSourceTable implements SourceTable {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final ExpiryIndex expiry;
    private final String fusionKey;
    private Long ttlMillis;
    /** Changed records by source id (a null current: deleted), each with the record as stored. */
    private final TreeMap<String, Change> pending = new TreeMap<>(ORDER);
    /** Records read from the store since the last flush (null: absent), so that a read and the write that follows decode once. */
    private final Map<String, SourceRecord> read = new HashMap<>();
    /** Expiry entries to write (true) or delete (false), by key. */
    private final Map<Long, Map<String, Boolean>> pendingExpiry = new TreeMap<>();

    private static final class Change {
        final SourceRecord stored;
        SourceRecord current;

        Change(SourceRecord stored) {
            this.stored = stored;
            this.current = stored;
        }
    }

    /**
     * @param ttlMillis the quantity's time to live as its expiry entries are written, or null
     */
    StoreSourceTable(KeyValueStore<String, byte[]> store, ExpiryIndex expiry, String fusionKey, Long ttlMillis) {
        this.store = store;
        this.expiry = expiry;
        this.fusionKey = fusionKey;
        this.ttlMillis = ttlMillis;
    }

    /** A read-only view (for queries). */
    static StoreSourceTable readOnly(ReadOnlyKeyValueStore<String, byte[]> store, String fusionKey) {
        return new StoreSourceTable(store, fusionKey);
    }

    private StoreSourceTable(ReadOnlyKeyValueStore<String, byte[]> store, String fusionKey) {
        this.store = store;
        this.expiry = null;
        this.fusionKey = fusionKey;
    }

    @Override
    public SourceRecord get(String sourceId) {
        Change c = pending.get(sourceId);
        return c != null ? c.current : stored(sourceId);
    }

    @Override
    public void put(SourceRecord record) {
        touch(record.sourceId()).current = record;
    }

    @Override
    public void remove(String sourceId) {
        touch(sourceId).current = null;
    }

    @Override
    public void forEach(Consumer<SourceRecord> action) {
        Iterator<Map.Entry<String, Change>> changes = pending.entrySet().iterator();
        Map.Entry<String, Change> change = changes.hasNext() ? changes.next() : null;
        String prefix = FusionKeys.sourcePrefix(fusionKey);
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String id = FusionKeys.sourceOf(kv.key, fusionKey);
                while (change != null && ORDER.compare(change.getKey(), id) < 0) {
                    visit(change.getValue().current, action);
                    change = changes.hasNext() ? changes.next() : null;
                }
                if (change != null && change.getKey().equals(id)) {
                    visit(change.getValue().current, action);
                    change = changes.hasNext() ? changes.next() : null;
                } else {
                    action.accept(FusionRecordCodec.decodeSource(id, kv.value));
                }
            }
        }
        while (change != null) {
            visit(change.getValue().current, action);
            change = changes.hasNext() ? changes.next() : null;
        }
    }

    private static void visit(SourceRecord record, Consumer<SourceRecord> action) {
        if (record != null) {
            action.accept(record);
        }
    }

    /**
     * Rewrites every source's expiry entry for a new time to live (null: none), after the
     * quantity's settings changed it. O(K), once per change.
     */
    void reindex(Long newTtlMillis) {
        if (java.util.Objects.equals(ttlMillis, newTtlMillis)) {
            return;
        }
        Long old = ttlMillis;
        forEach(r -> {
            if (old != null) {
                expiryOp(FusionKeys.deadline(r.heardAt(), old), r.sourceId(), false);
            }
            if (newTtlMillis != null) {
                expiryOp(FusionKeys.deadline(r.heardAt(), newTtlMillis), r.sourceId(), true);
            }
        });
        ttlMillis = newTtlMillis;
    }

    /** The time to live the expiry entries are (or, after a flush, will be) written with. */
    Long ttlMillis() {
        return ttlMillis;
    }

    /** Writes the held-back changes and their expiry entries. */
    void flush() {
        if (expiry == null) {
            throw new IllegalStateException("a read-only source table cannot be written");
        }
        KeyValueStore<String, byte[]> writable = (KeyValueStore<String, byte[]>) store;
        for (Map.Entry<String, Change> e : pending.entrySet()) {
            Change c = e.getValue();
            String key = FusionKeys.source(fusionKey, e.getKey());
            if (c.current == null) {
                writable.delete(key);
            } else {
                writable.put(key, FusionRecordCodec.encodeSource(c.current));
            }
            if (ttlMillis != null && c.stored != null && (c.current == null || c.current.heardAt() != c.stored.heardAt())) {
                expiryOp(FusionKeys.deadline(c.stored.heardAt(), ttlMillis), e.getKey(), false);
            }
            if (ttlMillis != null && c.current != null) {
                expiryOp(FusionKeys.deadline(c.current.heardAt(), ttlMillis), e.getKey(), true);
            }
        }
        pendingExpiry.forEach((deadline, ops) -> ops.forEach((sourceId, put) -> {
            if (put) {
                expiry.put(deadline, fusionKey, sourceId);
            } else {
                expiry.remove(deadline, fusionKey, sourceId);
            }
        }));
        pending.clear();
        pendingExpiry.clear();
        read.clear();
    }

    private void expiryOp(long deadline, String sourceId, boolean put) {
        pendingExpiry.computeIfAbsent(deadline, d -> new TreeMap<>(ORDER)).put(sourceId, put);
    }

    private Change touch(String sourceId) {
        return pending.computeIfAbsent(sourceId, id -> new Change(stored(id)));
    }

    private SourceRecord stored(String sourceId) {
        if (read.containsKey(sourceId)) {
            return read.get(sourceId);
        }
        byte[] bytes = store.get(FusionKeys.source(fusionKey, sourceId));
        SourceRecord record = bytes == null ? null : FusionRecordCodec.decodeSource(sourceId, bytes);
        read.put(sourceId, record);
        return record;
    }
}
