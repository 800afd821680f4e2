package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.TrueTarget;
import io.bayesfuse.avro.Truth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A region's true target states that arrived before the scans of their time (the truth and the
 * scans are different topics, so either may come first): by time, at most {@value #CAPACITY} times.
 */
public final class TruthBuffer {

    static final int CAPACITY = 64;

    private final TreeMap<Long, List<double[]>> byTime;

    public TruthBuffer(Map<Long, List<double[]>> byTime) {
        this.byTime = new TreeMap<>(byTime);
    }

    public static TruthBuffer empty() {
        return new TruthBuffer(Map.of());
    }

    /** The states of a Truth record. */
    public static List<double[]> states(Truth truth) {
        List<double[]> states = new ArrayList<>(truth.getTargets().size());
        for (TrueTarget t : truth.getTargets()) {
            states.add(t.getState().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return states;
    }

    /** This buffer with the truth at {@code time} added (the oldest dropped beyond capacity). */
    public TruthBuffer with(long time, List<double[]> states) {
        TruthBuffer next = new TruthBuffer(byTime);
        next.byTime.put(time, states);
        while (next.byTime.size() > CAPACITY) {
            next.byTime.pollFirstEntry();
        }
        return next;
    }

    /** The truth at exactly {@code time}, or null. */
    public List<double[]> at(long time) {
        return byTime.get(time);
    }

    /** This buffer without the truths at or before {@code time} (they can no longer be scored). */
    public TruthBuffer after(long time) {
        return new TruthBuffer(byTime.tailMap(time, false));
    }

    public NavigableMap<Long, List<double[]>> byTime() {
        return java.util.Collections.unmodifiableNavigableMap(byTime);
    }

    public boolean isEmpty() {
        return byTime.isEmpty();
    }
}
