package io.bayesfuse.topology.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a processor wrote last, kept decoded beside its store so that the next record of the
 * same key skips the store's read and the value's decoding. Write-through: the processor still
 * writes every value to its store (which changelogs it), and puts the same value here.
 *
 * <p>Bounded by a weight (e.g. the doubles a value holds), least recently used dropped first. A
 * value heavier than the bound is not kept.
 *
 * <p>It must live no longer than the processor's initialisation: Kafka Streams initialises a
 * processor again whenever its task's stores are restored or rewound (a new assignment, a revival
 * after an aborted transaction), so what it holds never outlives the state it was written with.
 * A mutable value is {@link #take taken} out while it is being changed and put back once written,
 * so one refused halfway (not written) is read afresh from the store.
 *
 * @param <V> the decoded value
 */
public final class DecodedValues<V> {

    private record Entry<V>(V value, long weight) {
    }

    private final long maxWeight;
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    /** @param maxWeight the most weight kept at once */
    public DecodedValues(long maxWeight) {
        if (maxWeight < 0) {
            throw new IllegalArgumentException("maxWeight is " + maxWeight + ", must be at least 0");
        }
        this.maxWeight = maxWeight;
    }

    /** The value kept for {@code key}, or null. */
    public V get(String key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Removes and returns the value kept for {@code key}, or null. */
    public V take(String key) {
        Entry<V> e = entries.remove(key);
        if (e == null) {
            return null;
        }
        weight -= e.weight();
        return e.value();
    }

    /** Keeps {@code value} (as written to the store) for {@code key}, dropping the least recently used beyond the bound. */
    public void put(String key, V value, long valueWeight) {
        remove(key);
        if (valueWeight > maxWeight) {
            return;
        }
        entries.put(key, new Entry<>(value, valueWeight));
        weight += valueWeight;
        Iterator<Map.Entry<String, Entry<V>>> oldest = entries.entrySet().iterator();
        while (weight > maxWeight && oldest.hasNext()) {
            weight -= oldest.next().getValue().weight();
            oldest.remove();
        }
    }

    /** Forgets {@code key} (deleted from the store). */
    public void remove(String key) {
        take(key);
    }

    /** Forgets everything. */
    public void clear() {
        entries.clear();
        weight = 0;
    }

    public int size() {
        return entries.size();
    }
}
