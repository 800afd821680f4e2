package io.bayesfuse.topology.filtering;

import io.bayesfuse.topology.config.EntitiesConfig;

/**
 * When the filter stage acts on an entity that has no measurement: the rules, as functions of
 * the entity's newest measurement time ({@code lastSeen}, its state's time), the newest tick it
 * may no longer be predicted at ({@code predictedThrough}) and stream time ({@code now}) alone.
 * <ul>
 * <li><b>Eviction</b> ({@code ttlMillis}): an entity whose newest measurement is more than
 * {@code ttlMillis} before stream time is gone, exactly as if it had been deleted at the moment
 * stream time passed {@code lastSeen + ttlMillis}: its next measurement starts it from the prior.</li>
 * <li><b>Prediction ticks</b> ({@code intervalMillis}, {@code idleMillis}): ticks fall on the
 * multiples of {@code intervalMillis} in stream time. At tick {@code T} — the newest tick at or
 * before stream time — an entity without a measurement since {@code T - idleMillis} (and before
 * {@code T}) that may still be predicted at {@code T} gets one PREDICTED estimate at time
 * {@code T}; then {@code predictedThrough = T}. An entity starts with {@code predictedThrough} =
 * the tick current when it was created, so no (entity, time) is ever predicted twice, not even
 * across a deletion and a return. When stream time stands still, no new tick comes and nothing is
 * published.</li>
 * </ul>
 * Each entity's next action has a time ({@link #dueAt}); the store keeps the entities ordered by it,
 * so the stage finds what is due by a range scan whatever the number of entities.
 *
 * @param ttlMillis      the time to live, or null to keep entities forever
 * @param intervalMillis the ticks' period, or null for no prediction ticks
 * @param idleMillis     the quiet time before a tick predicts an entity (ignored without ticks)
 */
public record EntitySchedule(Long ttlMillis, Long intervalMillis, long idleMillis) {

    /** The due time of an entity with nothing scheduled. */
    public static final long NEVER = Long.MAX_VALUE;
    /** The predicted-through time of an entity that was never predicted. */
    public static final long NOT_PREDICTED = Long.MIN_VALUE;

    public static EntitySchedule of(EntitiesConfig entities) {
        EntitiesConfig.PredictionTicksConfig ticks = entities.predictionTicks();
        return new EntitySchedule(entities.ttlMillis(), ticks == null ? null : ticks.intervalMillisOrDefault(),
                ticks == null ? 0 : ticks.idleMillisOrDefault());
    }

    /** True when anything is scheduled at all (eviction or ticks). */
    public boolean active() {
        return ttlMillis != null || intervalMillis != null;
    }

    public boolean predicts() {
        return intervalMillis != null;
    }

    /** True when an entity last measured at {@code lastSeen} has outlived its time to live at stream time {@code now}. */
    public boolean expired(long lastSeen, long now) {
        return ttlMillis != null && now > plus(lastSeen, ttlMillis);
    }

    /** The newest tick at or before stream time {@code now}. */
    public long tick(long now) {
        return Math.floorDiv(now, intervalMillis) * intervalMillis;
    }

    /** True when the entity is to be predicted at the tick of stream time {@code now}. */
    public boolean predictionDue(long lastSeen, long predictedThrough, long now) {
        return predicts() && predictionAt(lastSeen, predictedThrough) <= now;
    }

    /** The stream time of the entity's next action (eviction or prediction), or {@link #NEVER}. */
    public long dueAt(long lastSeen, long predictedThrough) {
        long eviction = ttlMillis == null ? NEVER : plus(lastSeen, plus(ttlMillis, 1));
        long prediction = predicts() ? predictionAt(lastSeen, predictedThrough) : NEVER;
        return Math.min(eviction, prediction);
    }

    /**
     * The first tick at which the entity is quiet for {@code idleMillis} (and strictly after its
     * newest measurement) and after {@code predictedThrough}.
     */
    private long predictionAt(long lastSeen, long predictedThrough) {
        long quietFrom = plus(lastSeen, Math.max(idleMillis, 1));
        long after = predictedThrough == NOT_PREDICTED ? Long.MIN_VALUE : plus(predictedThrough, 1);
        return tickAtOrAfter(Math.max(quietFrom, after));
    }

    private long tickAtOrAfter(long time) {
        if (time > NEVER - intervalMillis) {
            return NEVER;
        }
        time = Math.max(time, Long.MIN_VALUE + intervalMillis);   // so that the floor below cannot overflow
        long floor = Math.floorDiv(time, intervalMillis) * intervalMillis;
        return floor == time ? time : floor + intervalMillis;
    }

    /**
     * The settings the stored due times depend on; a store computed with other settings is
     * rebuilt (the sweep budget changes no due time).
     */
    public String describe() {
        if (!active()) {
            return "off";
        }
        return "ttlMillis=" + (ttlMillis == null ? "none" : ttlMillis)
                + " intervalMillis=" + (intervalMillis == null ? "none" : intervalMillis)
                + " idleMillis=" + (intervalMillis == null ? "none" : idleMillis);
    }

    /** a + b, saturating at the ends of the long range. */
    private static long plus(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
