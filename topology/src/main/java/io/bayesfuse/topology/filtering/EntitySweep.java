package io.bayesfuse.topology.filtering;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Walks the entity store a bounded number of entries at a time, continuing where the previous
 * walk stopped and wrapping around, so punctuations over millions of entities never stall the
 * stream thread.
 */
final class EntitySweep {

    private final KeyValueStore<String, TrackedEntity> store;
    private final int budget;
    private String resumeAfter;

    EntitySweep(KeyValueStore<String, TrackedEntity> store, int budget) {
        this.store = store;
        this.budget = budget;
    }

    /**
     * Visits up to the budget of entries; returns the keys the visitor selected (to act on after the
     * walk, never while the iterator is open).
     */
    List<String> sweep(BiPredicate<String, TrackedEntity> select) {
        List<String> selected = new ArrayList<>();
        int visited = 0;
        String last = null;
        try (KeyValueIterator<String, TrackedEntity> it = resumeAfter == null ? store.all() : store.range(resumeAfter, null)) {
            while (it.hasNext() && visited < budget) {
                KeyValue<String, TrackedEntity> e = it.next();
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
