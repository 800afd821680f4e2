package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.motion.StateLayout;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Maps the state indices a measurement was configured with (in a reference layout, the filter's
 * output layout) to the indices of the same quantities in another layout, e.g. an IMM mode of a
 * different size. Computed once per layout and cached, so lookups on the per-record path do not
 * allocate.
 */
final class LayoutProjection {

    private final StateLayout reference;
    private final Map<StateLayout, int[]> cache = new IdentityHashMap<>();

    LayoutProjection(StateLayout reference) {
        this.reference = reference;
    }

    /** For each reference index, its index in {@code layout} (or -1). */
    int[] indicesIn(StateLayout layout) {
        if (layout.equals(reference)) {
            return null;
        }
        int[] map = cache.get(layout);
        if (map == null) {
            int[] fromLayout = layout.mapInto(reference);
            map = fromLayout;
            cache.put(layout, map);
        }
        return map;
    }

    /** The index in {@code layout} of reference index {@code i}. */
    int index(StateLayout layout, int i) {
        int[] map = indicesIn(layout);
        return map == null ? i : map[i];
    }

    /** Throws unless every reference index in {@code used} exists in {@code layout}. */
    void requireAll(String subject, String field, StateLayout layout, boolean[] used) {
        if (layout.size() != reference.size() && !(layout.isKinematic() && reference.isKinematic())) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "is defined over " + reference + " but the state has " + layout);
        }
        for (int i = 0; i < used.length; i++) {
            if (used[i] && index(layout, i) < 0) {
                throw new InvalidInputException(Problem.INCONSISTENT, subject, field,
                        "observes state " + i + " of " + reference + ", which a state of " + layout + " does not hold");
            }
        }
    }
}
