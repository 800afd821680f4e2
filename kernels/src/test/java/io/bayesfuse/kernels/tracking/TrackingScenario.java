package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Birth;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Deletion;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Initiation;
import io.bayesfuse.kernels.tracking.TrackingPolicy.ScanHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Constant-velocity targets in the plane seen by one position sensor ("radar", R = σ²·I) once a
 * second, with detection probability P_D and uniform clutter, for the tracker's tests.
 */
public final class TrackingScenario {

    public static final double SIGMA = 3;
    public static final double[][] R = {{SIGMA * SIGMA, 0}, {0, SIGMA * SIGMA}};
    static final double[][] BIRTH_P = {{9, 0, 0, 0}, {0, 100, 0, 0}, {0, 0, 9, 0}, {0, 0, 0, 100}};
    static final long START = 1_000_000L;

    public final List<Scan> scans = new ArrayList<>();
    /** truth.get(k)[t]: target t's state [p1, v1, p2, v2] at scan k. */
    public final List<double[][]> truth = new ArrayList<>();

    /**
     * @param starts     each target's initial state [p1, v1, p2, v2]
     * @param clutter    false detections per scan, uniform over [-area, area]²
     */
    public static TrackingScenario of(double[][] starts, int scans, double pd, int clutter, double area, long seed) {
        TrackingScenario s = new TrackingScenario();
        Random random = new Random(seed);
        double[][] x = new double[starts.length][];
        for (int t = 0; t < starts.length; t++) {
            x[t] = starts[t].clone();
        }
        for (int k = 0; k < scans; k++) {
            List<Detection> detections = new ArrayList<>();
            double[][] now = new double[x.length][];
            for (int t = 0; t < x.length; t++) {
                if (k > 0) {
                    x[t][0] += x[t][1] + 0.1 * random.nextGaussian();
                    x[t][2] += x[t][3] + 0.1 * random.nextGaussian();
                    x[t][1] += 0.3 * random.nextGaussian();
                    x[t][3] += 0.3 * random.nextGaussian();
                }
                now[t] = x[t].clone();
                if (random.nextDouble() < pd) {
                    detections.add(Detection.at(x[t][0] + SIGMA * random.nextGaussian(), x[t][2] + SIGMA * random.nextGaussian()));
                }
            }
            for (int c = 0; c < clutter; c++) {
                detections.add(Detection.at((2 * random.nextDouble() - 1) * area, (2 * random.nextDouble() - 1) * area));
            }
            s.scans.add(new Scan("radar", START + 1000L * k, detections));
            s.truth.add(now);
        }
        return s;
    }

    /** A KF tracker on a CV model (q = 0.1) with the test's radar and the given association and history. */
    public static RegionTracker tracker(TrackingPolicy.Association association, double pd, double clutterDensity, ScanHistory history) {
        return tracker(association, pd, clutterDensity, 0.999, history);
    }

    /** The same with another gate probability. */
    public static RegionTracker tracker(TrackingPolicy.Association association, double pd, double clutterDensity, double gate,
                                 ScanHistory history) {
        KinematicModel cv = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.1));
        KalmanFilter filter = new KalmanFilter(cv);
        TrackingSensor radar = new TrackingSensor("radar", new PositionMeasurement(2), R, pd, clutterDensity, cv.layout());
        TrackingPolicy policy = new TrackingPolicy(association, gate, 10_000, new Initiation(3, 4), Deletion.afterMisses(3),
                Birth.atRest(BIRTH_P), history);
        return new RegionTracker(filter, Map.of("radar", radar), policy);
    }

    /** Runs every scan through the tracker and returns each scan's reports. */
    public static List<List<TrackReport>> run(RegionTracker tracker, List<Scan> scans) {
        RegionState state = null;
        List<List<TrackReport>> out = new ArrayList<>();
        for (Scan scan : scans) {
            ScanResult r = tracker.process("sea-1", state, scan);
            state = r.state();
            out.add(r.reports());
        }
        return out;
    }
}
