package io.bayesfuse.topology.store;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-value store that keeps the values its processor writes, as objects, until the task commits,
 * and only then writes the newest value of each key to the store beneath (serialized once, into
 * Kafka Streams' record cache, RocksDB and the changelog). A key written many times between two
 * commits, as an entity measured a hundred times in 100 ms or a quantity updated by many sources, is
 * serialized and put once per commit instead of once per record.
 *
 * <p><b>Why it is exact.</b> Kafka Streams calls {@code flushCache} on every store of a task before
 * it flushes the task's producer and commits its transaction (and before a clean close); this store
 * writes what it holds there, first, so the changelog of every commit holds exactly the values a
 * write-through store would have written by then. What it holds is dropped, never written, when the
 * task's stores are closed, re-initialised or have their caches cleared (a dirty close, an aborted
 * transaction, a revival): exactly the cases in which Kafka Streams drops its own record cache. The
 * values must not be changed after they are put (bayesfuse's stored states are immutable or
 * snapshots).
 *
 * <p><b>Reads.</b> The stream thread that writes sees its own newest values ({@link #get}); its
 * range scans first write what is held, so they see them too. Every other thread (interactive
 * queries) reads the store beneath: the values as of the task's last commit, or of the last time
 * the held values were written early. They are written early by a put once the oldest of them has
 * been held longer than {@code maxHold}, so that with a long commit interval (30 s at least once)
 * queries do not lag that far behind while records flow; with exactly once (100 ms) the commit
 * comes first.
 *
 * @param <V> the store's values
 */
public final class WriteBehindStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {

    /** The newest value of each key written since the last flush (insertion order: deterministic writes). */
    private final Map<String, V> pending = new LinkedHashMap<>();
    /** The thread whose writes are pending; null while nothing is. */
    private volatile Thread writer;
    /** When the oldest pending value was put ({@link System#nanoTime}). */
    private long heldSince;
    private final long maxHoldNanos;

    /** @param maxHold how long a value may be held before a put writes everything held (Duration.ZERO: written at once) */
    public WriteBehindStore(KeyValueStore<String, V> wrapped, Duration maxHold) {
        super(wrapped);
        if (maxHold.isNegative()) {
            throw new IllegalArgumentException("maxHold is " + maxHold + ", must not be negative");
        }
        this.maxHoldNanos = maxHold.toNanos();
    }

    /** A builder of {@code store}'s stores, each under a write-behind store holding values at most {@code maxHold}. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> store,
                                                                      Duration maxHold) {
        return new Builder<>(store, maxHold);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        discardPending();
        super.init(context, root);
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        long now = System.nanoTime();
        if (writer == null) {
            writer = Thread.currentThread();
            heldSince = now;
        }
        pending.put(key, value);
        if (now - heldSince >= maxHoldNanos) {
            writePending();
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        for (KeyValue<String, V> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public V delete(String key) {
        V held = isWriter() ? pending.remove(key) : null;
        V stored = wrapped().delete(key);
        return held != null ? held : stored;
    }

    @Override
    public V get(String key) {
        if (isWriter()) {
            V held = pending.get(key);
            if (held != null) {
                return held;
            }
        }
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeIfWriter();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeIfWriter();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeIfWriter();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeIfWriter();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeIfWriter();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        writeIfWriter();
        return wrapped().approximateNumEntries();
    }

    /** Before Kafka Streams flushes its record cache (every commit, a clean close): the held values go first. */
    @Override
    public void flushCache() {
        writePending();
        super.flushCache();
    }

    @Override
    public void clearCache() {
        discardPending();
        super.clearCache();
    }

    @Override
    public void close() {
        discardPending();
        super.close();
    }

    /** How many keys have a value not yet written to the store beneath. */
    public int pendingCount() {
        return pending.size();
    }

    private boolean isWriter() {
        return writer == Thread.currentThread();
    }

    private void writeIfWriter() {
        if (isWriter()) {
            writePending();
        }
    }

    private void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        KeyValueStore<String, V> store = wrapped();
        for (Map.Entry<String, V> e : pending.entrySet()) {
            store.put(e.getKey(), e.getValue());
        }
        discardPending();
    }

    private void discardPending() {
        pending.clear();
        writer = null;
    }

    /** Builds the wrapped builder's store and puts a write-behind store above it; everything else is the wrapped builder's. */
    private static final class Builder<V> implements StoreBuilder<KeyValueStore<String, V>> {
        private final StoreBuilder<KeyValueStore<String, V>> store;
        private final Duration maxHold;

        Builder(StoreBuilder<KeyValueStore<String, V>> store, Duration maxHold) {
            this.store = store;
            this.maxHold = maxHold;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            store.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            store.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            store.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            store.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new WriteBehindStore<>(store.build(), maxHold);
        }

        @Override
        public Map<String, String> logConfig() {
            return store.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return store.loggingEnabled();
        }

        @Override
        public String name() {
            return store.name();
        }
    }
}
