package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import io.bayesfuse.kernels.tracking.metrics.ConsistencyScore;

import java.util.List;

/**
 * A tracker's score against the truth, scan time by scan time: GOSPA over the positions of its
 * CONFIRMED tracks (summed over scans, with its localisation, missed-target and false-track parts)
 * and the consistency (NEES, ANEES) of the confirmed tracks GOSPA paired with a target, over the
 * quantities both hold (positions and, when the truth has them, velocities). Not thread-safe.
 */
public final class TrackingScore {

    private final Gospa gospa;
    private final StateLayout layout;
    private final ConsistencyScore consistency = new ConsistencyScore();
    private double total;
    private double localisation;
    private long missed;
    private long falseTracks;
    private long scans;

    /** @param layout the tracks' state layout (kinematic) */
    public TrackingScore(Gospa gospa, StateLayout layout) {
        if (!layout.isKinematic()) {
            throw new IllegalArgumentException("tracks are scored by their positions, but the state has " + layout);
        }
        this.gospa = gospa;
        this.layout = layout;
    }

    /**
     * Scores one scan time.
     *
     * @param reports the tracks at that time (only CONFIRMED ones count)
     * @param truth   the true states at that time, each per axis [position, velocity...] in the
     *                tracks' axis order (e.g. [p1, v1, p2, v2]), or positions only
     * @return GOSPA at that time
     */
    public Gospa.Result add(List<TrackReport> reports, List<double[]> truth) {
        List<TrackReport> confirmed = reports.stream().filter(r -> r.status() == TrackStatus.CONFIRMED).toList();
        int axes = layout.axes();
        double[][] estimates = new double[confirmed.size()][axes];
        for (int e = 0; e < estimates.length; e++) {
            for (int a = 0; a < axes; a++) {
                estimates[e][a] = confirmed.get(e).x()[layout.positionIndex(a)];
            }
        }
        double[][] positions = new double[truth.size()][axes];
        for (int t = 0; t < positions.length; t++) {
            double[] x = truth.get(t);
            if (x.length % axes != 0) {
                throw new IllegalArgumentException("a true state of " + x.length + " components does not fit " + axes + " axes");
            }
            int perAxis = x.length / axes;
            for (int a = 0; a < axes; a++) {
                positions[t][a] = x[a * perAxis];
            }
        }
        Gospa.Result result = gospa.between(estimates, positions);
        total += result.distance();
        localisation += result.localisation();
        missed += result.missed();
        falseTracks += result.falseTracks();
        scans++;
        for (int e = 0; e < estimates.length; e++) {
            int t = result.truthOf()[e];
            if (t >= 0) {
                addConsistency(confirmed.get(e), truth.get(t));
            }
        }
        return result;
    }

    /** NEES over the quantities both the truth and the track hold. */
    private void addConsistency(TrackReport track, double[] truth) {
        int axes = layout.axes();
        int perAxis = truth.length / axes;
        int[] index = new int[truth.length];
        int n = 0;
        for (int a = 0; a < axes; a++) {
            for (int d = 0; d < perAxis; d++) {
                int i = layout.index(a, d);
                if (i >= 0) {
                    index[n++] = a * perAxis + d;
                }
            }
        }
        double[] x = new double[n];
        double[] xHat = new double[n];
        double[] P = new double[n * n];
        for (int r = 0; r < n; r++) {
            int tr = index[r];
            int sr = layout.index(tr / perAxis, tr % perAxis);
            x[r] = truth[tr];
            xHat[r] = track.x()[sr];
            for (int c = 0; c < n; c++) {
                int tc = index[c];
                P[r * n + c] = track.P()[sr][layout.index(tc / perAxis, tc % perAxis)];
            }
        }
        consistency.add(x, xHat, P);
    }

    /** Σ GOSPA over the scans scored. */
    public double total() {
        return total;
    }

    /** Σ of the localisation parts (d^p of the paired tracks). */
    public double localisation() {
        return localisation;
    }

    /** Missed target-scans (each costs c^p/2). */
    public long missed() {
        return missed;
    }

    /** False track-scans (each costs c^p/2). */
    public long falseTracks() {
        return falseTracks;
    }

    public long scans() {
        return scans;
    }

    /** The consistency of the paired confirmed tracks. */
    public ConsistencyScore consistency() {
        return consistency;
    }

    public Gospa gospa() {
        return gospa;
    }
}
