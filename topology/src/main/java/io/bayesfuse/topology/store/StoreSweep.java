package io.bayesfuse.topology.store;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Walks a key-value store a bounded number of entries at a time, continuing where the previous
 * walk stopped and wrapping around, so punctuations over millions of entities or quantities never
 * stall the stream thread.
 *
 * @param <V> the store's values
 */
public final class StoreSweep<V> {

    private final KeyValueStore<String, V> store;
    private final int budget;
    private String resumeAfter;

    public StoreSweep(KeyValueStore<String, V> store, int budget) {
        this.store = store;
        this.budget = budget;
    }

    /**
     * Visits up to the budget of entries; returns the keys the visitor selected (to act on after the
     * walk, never while the iterator is open).
     */
    public List<String> sweep(BiPredicate<String, V> select) {
        List<String> selected = new ArrayList<>();
        int visited = 0;
        String last = null;
        try (KeyValueIterator<String, V> it = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
            while (it.hasNext() && visited < budget) {
                KeyValue<String, V> e = it.next();
                if (e.key.equals(resumeAfter)) {
                    continue;
                }
                visited++;
                last = e.key;
                if (select.test(e.key, e.value)) {
                    selected.add(e.key);
                }
            }
            resumeAfter = it.hasNext() ? last : null;
        }
        return selected;
    }
}
