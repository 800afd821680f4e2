package io.bayesfuse.topology.fusion;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sources of one task's quantities ordered by the time they expire (last heard of + time to
 * live), in a store of their own ({@link FusionKeys#expiry}): what is due is found by a range scan
 * from the start, whatever the number of quantities and sources. Written only through
 * {@link StoreSourceTable#flush()}, so it changes with the records it indexes, in the same transaction.
 *
 * <p>The smallest deadline is remembered between records (recomputed after a restart by one scan),
 * so most records cost no scan at all. That memory only saves work: what expires when depends on
 * the stored entries and stream time alone.
 */
final class ExpiryIndex {

    private static final byte[] PRESENT = new byte[0];
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final KeyValueStore<String, byte[]> store;
    /** A lower bound of the smallest deadline in the store (Long.MAX_VALUE when empty), or UNKNOWN. */
    private long earliest = UNKNOWN;

    ExpiryIndex(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    void put(long deadline, String fusionKey, String sourceId) {
        store.put(FusionKeys.expiry(deadline, fusionKey, sourceId), PRESENT);
        if (earliest != UNKNOWN && deadline < earliest) {
            earliest = deadline;
        }
    }

    void remove(long deadline, String fusionKey, String sourceId) {
        store.delete(FusionKeys.expiry(deadline, fusionKey, sourceId));
    }

    /** The entry with the smallest deadline before {@code time}, or null when none is due. */
    FusionKeys.Expiry firstDueBefore(long time) {
        if (earliest != UNKNOWN && earliest >= time) {
            return null;
        }
        try (KeyValueIterator<String, byte[]> it = store.range(null, FusionKeys.expiryBefore(time))) {
            if (it.hasNext()) {
                KeyValue<String, byte[]> first = it.next();
                return FusionKeys.parseExpiry(first.key);
            }
        }
        earliest = firstDeadline();
        return null;
    }

    private long firstDeadline() {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            return all.hasNext() ? FusionKeys.parseExpiry(all.next().key).deadline() : Long.MAX_VALUE;
        }
    }
}
