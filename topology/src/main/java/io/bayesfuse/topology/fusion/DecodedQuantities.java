package io.bayesfuse.topology.fusion;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quantities a task saved last, kept decoded beside their stores so that the next update of a
 * quantity skips reading and decoding its header and rebuilding its rule. A write-through cache:
 * every save still writes the stores, and a quantity is taken out while it is being changed, so
 * one refused halfway (nothing saved) is read afresh from the stores next time.
 *
 * <p>Bounded by the doubles its quantities hold (least recently saved dropped first). It lives
 * as long as the processor's initialisation: Kafka Streams initialises a processor again whenever
 * its task's stores are restored or rewound (a new assignment, a revival after an aborted
 * transaction), so what it holds never outlives the state it was saved from.
 */
final class DecodedQuantities {

    /** Default bound: 1 Mi doubles (8 MB) per task. */
    static final long DEFAULT_MAX_DOUBLES = 1L << 20;

    private record Entry(FusionStores.Loaded loaded, long weight) {
    }

    private final long maxDoubles;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long doubles;

    DecodedQuantities(long maxDoubles) {
        this.maxDoubles = maxDoubles;
    }

    /** Takes the quantity out, if kept and built under {@code settings}; else null (and forgets it). */
    FusionStores.Loaded take(String fusionKey, SelectedFusion settings) {
        Entry e = entries.remove(fusionKey);
        if (e == null) {
            return null;
        }
        doubles -= e.weight();
        return e.loaded().quantity().settings().equals(settings) ? e.loaded() : null;
    }

    /** Keeps a saved quantity, {@code weight} its stored state's size in doubles; one heavier than the bound is not kept. */
    void keep(FusionStores.Loaded loaded, long weight) {
        Entry old = entries.remove(loaded.fusionKey());
        if (old != null) {
            doubles -= old.weight();
        }
        if (weight > maxDoubles) {
            return;
        }
        entries.put(loaded.fusionKey(), new Entry(loaded, weight));
        doubles += weight;
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (doubles > maxDoubles && oldest.hasNext()) {
            doubles -= oldest.next().getValue().weight();
            oldest.remove();
        }
    }

    /** Forgets a quantity (deleted from the stores). */
    void forget(String fusionKey) {
        Entry e = entries.remove(fusionKey);
        if (e != null) {
            doubles -= e.weight();
        }
    }

    int size() {
        return entries.size();
    }
}
