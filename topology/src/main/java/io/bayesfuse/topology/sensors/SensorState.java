package io.bayesfuse.topology.sensors;

import io.bayesfuse.kernels.changepoint.ChangepointState;
import io.bayesfuse.kernels.entity.NoiseInflation;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the filter stage keeps per sensor in one task (one partition of the measurements topic),
 * in the {@code bayesfuse-sensors} store, changelogged like the entity store:
 * <ul>
 * <li>the changepoint detector's state ({@link ChangepointState}; null before the first observation
 * or without detection) and the model it was built for (a changed model restarts it);</li>
 * <li>how many changes were detected and the newest one's time;</li>
 * <li>an R inflation in force: the factor and the event time until which it holds;</li>
 * <li>the newest learned R of an adaptive sensor: E[R] of the posterior of the entity the sensor
 * measured last (posteriors are learned per entity × sensor, see {@code EntityTracker}), with
 * that entity and time — what the API shows as the sensor's current R;</li>
 * <li>for the reset-entities action, the entities the sensor measured recently, with the time of
 * the newest measurement (at most {@link #MAX_RECENT} of them, sorted by id).</li>
 * </ul>
 */
public record SensorState(ChangepointState changepoint, String model, long changes, long lastChange,
                          double inflation, long inflatedUntil, double[][] learnedR, long learnedRTime,
                          String learnedREntity, long observations, SortedMap<String, Long> recentEntities) {

    /** The most recently measured entities kept for the reset-entities action. */
    public static final int MAX_RECENT = 10_000;
    /** "No time". */
    public static final long NEVER = Long.MIN_VALUE;

    public static final SensorState EMPTY = new SensorState(null, null, 0, NEVER, 1, NEVER, null, NEVER, null, 0, null);

    public SensorState {
        recentEntities = recentEntities == null || recentEntities.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(recentEntities));
    }

    /** Whether measurements at {@code time} use an inflated R. */
    public boolean inflatedAt(long time) {
        return inflatedUntil != NEVER && time < inflatedUntil;
    }

    /**
     * The R inflation this state records, as the kernels' noise policy (which inflates exactly the
     * measurements made before its end that carry no R of their own), or null when there never was one.
     */
    public NoiseInflation noiseInflation() {
        return inflatedUntil == NEVER ? null : new NoiseInflation(inflation, inflatedUntil);
    }

    public SensorState withChangepoint(ChangepointState state, String model, long observations) {
        return new SensorState(state, model, changes, lastChange, inflation, inflatedUntil, learnedR, learnedRTime,
                learnedREntity, observations, recentEntities);
    }

    public SensorState withChange(long time, double inflation, long inflatedUntil) {
        return new SensorState(changepoint, model, changes + 1, time, inflation, inflatedUntil, learnedR, learnedRTime,
                learnedREntity, observations, recentEntities);
    }

    public SensorState withLearnedR(double[][] R, long time, String entityId) {
        return new SensorState(changepoint, model, changes, lastChange, inflation, inflatedUntil, R, time, entityId,
                observations, recentEntities);
    }

    public SensorState withRecentEntities(SortedMap<String, Long> recent) {
        return new SensorState(changepoint, model, changes, lastChange, inflation, inflatedUntil, learnedR, learnedRTime,
                learnedREntity, observations, recent);
    }
}
