package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.filter.FilterState;

import java.util.List;
import java.util.Objects;

/**
 * One entity's state between measurements, as a plain value for a key-value store (encoded by
 * {@link io.bayesfuse.kernels.codec.EntityStateCodec}):
 * <ul>
 * <li>{@code modelIds}: the motion models the state was built with (a changed configuration
 * resets the entity rather than misreading its numbers);</li>
 * <li>{@code time}, {@code current}: the newest estimate and the time of the newest measurement;</li>
 * <li>{@code baseTime}, {@code base}, {@code history}: for out-of-order arrivals, the filter state
 * just before the oldest retained measurement and the retained measurements in time order, so a
 * late one can be inserted and everything after it re-filtered. {@code baseIsPrior} says the base
 * is still the configured prior at the first measurement's time (then an even earlier measurement
 * re-initialises the entity at its own time). Without out-of-order handling the history is empty
 * and the base null.</li>
 * </ul>
 */
public record EntityState(List<String> modelIds, long time, FilterState current,
                          long baseTime, FilterState base, boolean baseIsPrior, List<Measurement> history) {

    public EntityState {
        modelIds = List.copyOf(modelIds);
        Objects.requireNonNull(current, "current");
        history = List.copyOf(history);
        if (base == null && !history.isEmpty()) {
            throw new IllegalArgumentException("a history needs a base state");
        }
    }

    /** The oldest time a late measurement may still have, given a window of {@code historyMillis}. */
    long windowStart(long historyMillis) {
        return time - historyMillis;
    }
}
