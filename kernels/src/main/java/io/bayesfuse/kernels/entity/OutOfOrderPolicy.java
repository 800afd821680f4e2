package io.bayesfuse.kernels.entity;

/**
 * How late a measurement may arrive and still be applied (FORMAT.md "Out-of-order arrival"). A
 * measurement older than the entity's newest one by at most {@code historyMillis} is inserted in
 * time order and the entity is re-filtered; an older one is refused as too late. The retained
 * history is also capped at {@code maxMeasurements} per entity so a state-store value stays
 * bounded; a measurement older than what the cap retains is refused as too late too.
 *
 * @param historyMillis   the window behind the newest measurement, ≥ 0
 * @param maxMeasurements the most measurements kept for re-filtering, ≥ 1
 */
public record OutOfOrderPolicy(long historyMillis, int maxMeasurements) {

    /** The cap used when the configuration sets none. */
    public static final int DEFAULT_MAX_MEASUREMENTS = 1000;

    /** No history: every measurement older than the newest one is too late. */
    public static final OutOfOrderPolicy NONE = new OutOfOrderPolicy(-1, 1);

    public OutOfOrderPolicy {
        if (historyMillis >= 0 && maxMeasurements < 1) {
            throw new IllegalArgumentException("maxMeasurements must be at least 1, got " + maxMeasurements);
        }
    }

    public static OutOfOrderPolicy window(long historyMillis) {
        return new OutOfOrderPolicy(historyMillis, DEFAULT_MAX_MEASUREMENTS);
    }

    public boolean enabled() {
        return historyMillis >= 0;
    }
}
