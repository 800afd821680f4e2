package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.smoothing.SmootherWindow;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * <li>{@code noise}, {@code baseNoise}: the learned noise posterior of each adaptive sensor that has
 * measured this entity, after the newest measurement and at the base (re-filtering re-learns from
 * the base's, so a late measurement gives the same R sequence as in-order arrival). Sensors not yet
 * seen start from their prior. Sorted by sensor id.</li>
 * <li>{@code smoother}: the last filtered estimates for fixed-lag smoothing (empty without it).</li>
 * </ul>
 */
public record EntityState(List<String> modelIds, long time, FilterState current,
                          long baseTime, FilterState base, boolean baseIsPrior, List<Measurement> history,
                          Map<String, NoisePosterior> noise, Map<String, NoisePosterior> baseNoise,
                          SmootherWindow smoother) {

    public EntityState {
        modelIds = List.copyOf(modelIds);
        Objects.requireNonNull(current, "current");
        history = List.copyOf(history);
        if (base == null && !history.isEmpty()) {
            throw new IllegalArgumentException("a history needs a base state");
        }
        noise = sorted(noise);
        baseNoise = sorted(baseNoise);
        smoother = smoother == null ? SmootherWindow.EMPTY : smoother;
    }

    /** A state without learned noise or smoother window. */
    public EntityState(List<String> modelIds, long time, FilterState current,
                       long baseTime, FilterState base, boolean baseIsPrior, List<Measurement> history) {
        this(modelIds, time, current, baseTime, base, baseIsPrior, history, null, null, null);
    }

    /** An unmodifiable copy that iterates in sensor id order (so encodings are deterministic). */
    private static Map<String, NoisePosterior> sorted(Map<String, NoisePosterior> map) {
        return map == null || map.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** The oldest time a late measurement may still have, given a window of {@code historyMillis}. */
    long windowStart(long historyMillis) {
        return time - historyMillis;
    }
}
