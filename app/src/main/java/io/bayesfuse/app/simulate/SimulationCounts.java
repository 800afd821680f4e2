package io.bayesfuse.app.simulate;

import io.bayesfuse.kernels.simulation.ReadingKind;

import java.util.EnumMap;
import java.util.Map;

/** What a simulation run produced so far. Thread-safe. */
public final class SimulationCounts {

    private long measurements;
    private long posteriorUpdates;
    private long examples;
    private long outOfOrder;
    private long scans;
    private long detections;
    private final Map<ReadingKind, Long> byKind = new EnumMap<>(ReadingKind.class);

    synchronized void measurement(ReadingKind kind, boolean late) {
        measurements++;
        outOfOrder += late ? 1 : 0;
        byKind.merge(kind, 1L, Long::sum);
    }

    synchronized void scan(int detectionCount) {
        scans++;
        detections += detectionCount;
    }

    /** Surveillance scans produced. */
    public synchronized long scans() {
        return scans;
    }

    /** Detections in them (targets and clutter). */
    public synchronized long detections() {
        return detections;
    }

    synchronized void posteriorUpdate() {
        posteriorUpdates++;
    }

    synchronized void example() {
        examples++;
    }

    /** Labelled examples produced (for online learners). */
    public synchronized long examples() {
        return examples;
    }

    public synchronized long measurements() {
        return measurements;
    }

    public synchronized long posteriorUpdates() {
        return posteriorUpdates;
    }

    /** Readings delivered at least 250 ms after they were taken. */
    public synchronized long delayed() {
        return outOfOrder;
    }

    public synchronized long of(ReadingKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }
}
