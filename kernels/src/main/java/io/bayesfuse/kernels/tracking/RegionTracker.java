package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Association;
import io.bayesfuse.kernels.tracking.TrackingPolicy.ScanHistory;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-region multi-target tracking logic that both {@code track} and the stream's tracking
 * stage run: given a region's stored {@link RegionState} (or none) and one {@link Scan}, it returns
 * the region's new state and a report of every track (FORMAT.md "Multi-target tracking scenarios").
 * <ol>
 * <li>The scan is checked against its sensor first (known sensor, size of every z, finite values, R
 * overrides symmetric positive definite); a bad scan changes nothing.</li>
 * <li>A new region starts empty at its first scan's time.</li>
 * <li>A scan no older than the region's newest is applied ({@link ScanStep}: predict, gate,
 * associate, update, confirm and delete, initiate): APPLIED.</li>
 * <li>With a {@link ScanHistory}, a late scan within the window is inserted among the retained
 * scans in time order and the region re-run from the snapshot before the oldest: REVISED. The
 * reports are then the region's tracks after its newest scan, and a DELETED report for every track
 * that was alive before the late scan and is not after the re-run. One older than the window (or
 * than the retained scans) is refused: TOO_LATE, state unchanged.</li>
 * </ol>
 * Scans leaving the window are folded into the base snapshot by running them from it, so after any
 * input a region's state equals the result of its scans in time order (ties in arrival order).
 * Track numbers come from a counter in the region's state, so they are a deterministic function of
 * that order too. One tracker reuses one filter for every track: not thread-safe, one per stream
 * thread.
 */
public final class RegionTracker {

    private final RecursiveFilter filter;
    private final Map<String, TrackingSensor> sensors;
    private final TrackingPolicy policy;
    private final ScanStep step;

    /**
     * @param filter  the filter every track runs (kf, ekf, ukf or imm; JPDA needs one of the first three)
     * @param sensors the sensors by id
     * @throws InvalidInputException when the birth state does not fit the filter, or JPDA is asked of an IMM
     */
    public RegionTracker(RecursiveFilter filter, Map<String, TrackingSensor> sensors, TrackingPolicy policy) {
        int n = filter.layout().size();
        DMatrixRMaj P = Matrices.of(policy.birth().P());
        InputChecks.requireShape("tracking", "birth.P", P, n, n, "the tracks' state (" + filter.layout() + ")");
        InputChecks.requireSymmetricPositiveDefinite("tracking", "birth.P", P);
        if (policy.birth().x().length != n) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, "tracking", "birth.x",
                    "has " + policy.birth().x().length + " components but the tracks' state has " + n + " (" + filter.layout() + ")");
        }
        if (policy.association() == Association.JPDA && !(filter instanceof GaussianFilter)) {
            throw new InvalidInputException(Problem.INCONSISTENT, "tracking", "association",
                    "jpda needs a kf, ekf or ukf filter (one Gaussian per track), but the filter is " + filter);
        }
        if (!filter.layout().isKinematic()) {
            throw new InvalidInputException(Problem.INCONSISTENT, "tracking", "motionModel",
                    "tracks need positions to start at and to be scored by, but the state has " + filter.layout());
        }
        this.filter = filter;
        this.sensors = Map.copyOf(sensors);
        this.policy = policy;
        this.step = new ScanStep(filter, policy);
    }

    public TrackingPolicy policy() {
        return policy;
    }

    public RecursiveFilter filter() {
        return filter;
    }

    /** A new score of this tracker's tracks against the truth. */
    public TrackingScore score(Gospa gospa) {
        return new TrackingScore(gospa, filter.layout());
    }

    /**
     * Processes one scan of region {@code region}.
     *
     * @param state the region's stored state, or null for a new region
     * @throws InvalidInputException when the scan is invalid; the state is then unchanged
     */
    public ScanResult process(String region, RegionState state, Scan scan) {
        TrackingSensor sensor = sensorOf(scan);
        List<Detection> detections = checked(sensor, scan);
        if (state == null) {
            RegionSnapshot start = RegionSnapshot.empty(scan.timestamp());
            ScanStep.Outcome outcome = step.apply(region, start, sensor, scan.timestamp(), detections);
            RegionState next = policy.history().enabled()
                    ? trim(region, new RegionState(outcome.snapshot(), start, true, List.of(scan)))
                    : new RegionState(outcome.snapshot(), null, false, List.of());
            return new ScanResult(ScanResult.Status.APPLIED, next, scan.timestamp(), outcome.reports(), null);
        }
        if (scan.timestamp() >= state.time()) {
            ScanStep.Outcome outcome = step.apply(region, state.current(), sensor, scan.timestamp(), detections);
            if (!policy.history().enabled()) {
                return new ScanResult(ScanResult.Status.APPLIED, new RegionState(outcome.snapshot(), null, false, List.of()),
                        scan.timestamp(), outcome.reports(), null);
            }
            List<Scan> history = new ArrayList<>(state.history());
            history.add(scan);
            RegionState next = trim(region, new RegionState(outcome.snapshot(), state.base(), state.baseIsStart(), history));
            return new ScanResult(ScanResult.Status.APPLIED, next, scan.timestamp(), outcome.reports(), null);
        }
        return late(region, state, scan);
    }

    /** The tracks of a stored region as reports (its state after its newest scan), for queries. */
    public List<TrackReport> tracks(String region, RegionState state) {
        List<TrackReport> reports = new ArrayList<>();
        for (Track t : state.current().tracks()) {
            filter.restore(t.state());
            reports.add(new TrackReport(Track.id(region, t.number()), t.number(), t.status(), Matrices.toArray(filter.mean()),
                    Matrices.toRows(filter.covariance()), null));
        }
        return reports;
    }

    /**
     * The region without any track, its numbering kept, so that a cleared region never gives a new
     * track the id of an old one; scans older than the clearing are then too late.
     */
    public RegionState cleared(RegionState state) {
        RegionSnapshot empty = new RegionSnapshot(state.time(), state.current().nextNumber(), List.of());
        return new RegionState(empty, policy.history().enabled() ? empty : null, false, List.of());
    }

    private TrackingSensor sensorOf(Scan scan) {
        TrackingSensor sensor = sensors.get(scan.sensorId());
        if (sensor == null) {
            throw new InvalidInputException(Problem.UNKNOWN_REFERENCE, "scan", "sensorId",
                    "'" + scan.sensorId() + "' is not a tracking sensor (configured: " + new TreeSet<>(sensors.keySet()) + ")");
        }
        return sensor;
    }

    /** The scan's detections, each checked, in canonical order. */
    private static List<Detection> checked(TrackingSensor sensor, Scan scan) {
        List<Detection> detections = scan.detections();
        for (int i = 0; i < detections.size(); i++) {
            sensor.check(i, detections.get(i));
        }
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Detection.CANONICAL);
        return sorted;
    }

    private ScanResult late(String region, RegionState state, Scan scan) {
        ScanHistory history = policy.history();
        if (!history.enabled()) {
            return tooLate(state, "scan at " + scan.timestamp() + " is older than the region's newest (" + state.time()
                    + ") and late scans are not accepted (no tracking.outOfOrder)");
        }
        if (scan.timestamp() < state.time() - history.historyMillis()) {
            return tooLate(state, "scan at " + scan.timestamp() + " is more than " + history.historyMillis()
                    + " ms older than the region's newest (" + state.time() + ")");
        }
        RegionSnapshot base = state.base();
        boolean baseIsStart = state.baseIsStart();
        if (scan.timestamp() < base.time()) {
            if (!baseIsStart) {
                return tooLate(state, "scan at " + scan.timestamp() + " is older than the retained scans (from "
                        + base.time() + ", at most " + history.maxScans() + ")");
            }
            base = RegionSnapshot.empty(scan.timestamp());   // older than the region's first scan: it starts earlier
        }
        List<Scan> scans = new ArrayList<>(state.history().size() + 1);
        int insertAt = 0;
        for (Scan s : state.history()) {
            if (s.timestamp() <= scan.timestamp()) {
                insertAt++;
            }
            scans.add(s);
        }
        scans.add(insertAt, scan);
        RegionSnapshot current = base;
        List<TrackReport> reports = List.of();
        for (Scan s : scans) {
            TrackingSensor sensor = sensors.get(s.sensorId());
            ScanStep.Outcome outcome = step.apply(region, current, sensor, s.timestamp(), checked(sensor, s));
            current = outcome.snapshot();
            reports = outcome.reports();
        }
        Set<Long> aliveAfter = new HashSet<>();
        for (Track t : current.tracks()) {
            aliveAfter.add(t.number());
        }
        Map<Long, TrackReport> byNumber = new TreeMap<>();
        for (TrackReport r : reports) {
            if (r.status() != TrackStatus.DELETED) {
                byNumber.put(r.number(), r);
            }
        }
        for (Track t : state.current().tracks()) {
            if (!aliveAfter.contains(t.number())) {
                filter.restore(t.state());
                byNumber.put(t.number(), new TrackReport(Track.id(region, t.number()), t.number(), TrackStatus.DELETED,
                        Matrices.toArray(filter.mean()), Matrices.toRows(filter.covariance()),
                        "the late scan at " + scan.timestamp() + " revised the region: the track no longer exists"));
            }
        }
        RegionState next = trim(region, new RegionState(current, base, baseIsStart, scans));
        return new ScanResult(ScanResult.Status.REVISED, next, current.time(), new ArrayList<>(byNumber.values()), null);
    }

    private static ScanResult tooLate(RegionState state, String why) {
        return new ScanResult(ScanResult.Status.TOO_LATE, state, state.time(), List.of(), why);
    }

    /** Folds the scans that left the window (or exceed the cap) into the base by running them from it. */
    private RegionState trim(String region, RegionState state) {
        List<Scan> scans = state.history();
        long cutoff = state.time() - policy.history().historyMillis();
        int fold = 0;
        while (fold < scans.size() - 1
                && (scans.get(fold).timestamp() < cutoff || scans.size() - fold > policy.history().maxScans())) {
            fold++;
        }
        if (fold == 0) {
            return state;
        }
        RegionSnapshot base = state.base();
        for (int i = 0; i < fold; i++) {
            Scan s = scans.get(i);
            TrackingSensor sensor = sensors.get(s.sensorId());
            base = step.apply(region, base, sensor, s.timestamp(), checked(sensor, s)).snapshot();
        }
        return new RegionState(state.current(), base, false, scans.subList(fold, scans.size()));
    }
}
