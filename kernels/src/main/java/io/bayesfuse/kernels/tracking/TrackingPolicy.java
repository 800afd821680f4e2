package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation;

import java.util.Objects;

/**
 * How a region's tracks are associated, started, confirmed and ended.
 *
 * @param association     how confirmed tracks take detections (tentative tracks always use GNN)
 * @param gateProbability P_G: a detection is in a track's gate when its NIS is at most χ²ₘ⁻¹(P_G)
 * @param maxHypotheses   JPDA: the largest cluster (bound on its joint associations) enumerated exactly
 * @param initiation      M-of-N confirmation
 * @param deletion        when a track ends
 * @param birth           the state a new track starts from
 * @param history         late scans: how far back they are accepted
 */
public record TrackingPolicy(Association association, double gateProbability, int maxHypotheses,
                             Initiation initiation, Deletion deletion, Birth birth, ScanHistory history) {

    public TrackingPolicy {
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(initiation, "initiation");
        Objects.requireNonNull(deletion, "deletion");
        Objects.requireNonNull(birth, "birth");
        Objects.requireNonNull(history, "history");
        ChiSquareGate.requireProbability("tracking", "gateProbability", gateProbability);
        JointProbabilisticAssociation.requireMaxHypotheses("tracking", maxHypotheses);
    }

    /** GNN association with the default JPDA bound. */
    public static TrackingPolicy gnn(double gateProbability, Initiation initiation, Deletion deletion, Birth birth,
                                     ScanHistory history) {
        return new TrackingPolicy(Association.GNN, gateProbability, JointProbabilisticAssociation.DEFAULT_MAX_HYPOTHESES,
                initiation, deletion, birth, history);
    }

    /** This policy with another association. */
    public TrackingPolicy with(Association other) {
        return new TrackingPolicy(other, gateProbability, maxHypotheses, initiation, deletion, birth, history);
    }

    /** The association of confirmed tracks with a scan's detections. */
    public enum Association {
        /** Global nearest neighbour: the most likely joint association, one detection per track. */
        GNN,
        /** Joint probabilistic data association: every track updated with all its gated detections, weighted. */
        JPDA
    }

    /**
     * M-of-N confirmation from birth: a tentative track is confirmed once it has been detected in m of
     * its first n scans (its birth scan counts), and deleted as soon as that has become impossible.
     */
    public record Initiation(int m, int n) {

        public Initiation {
            require("initiation", m, n);
        }

        /** The one check of M-of-N, shared with the configuration. @throws InvalidInputException (field m or n) unless 1 ≤ m ≤ n */
        public static void require(String subject, int m, int n) {
            if (m < 1) {
                throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "m", "is " + m + ", must be at least 1");
            }
            if (n < m) {
                throw new InvalidInputException(Problem.INCONSISTENT, subject, "n", "is " + n + ", must be at least m (" + m + ")");
            }
        }
    }

    /**
     * @param misses              a track not detected in this many consecutive scans is deleted
     * @param maxPositionVariance a track whose variance of any position axis exceeds this is deleted
     *                            (NaN: no limit)
     */
    public record Deletion(int misses, double maxPositionVariance) {

        public Deletion {
            requireMisses("deletion", misses);
            if (!Double.isNaN(maxPositionVariance)) {
                requireMaxPositionVariance("deletion", maxPositionVariance);
            }
        }

        /** The one check of the misses, shared with the configuration. @throws InvalidInputException when below 1 */
        public static void requireMisses(String subject, int misses) {
            if (misses < 1) {
                throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "misses", "is " + misses + ", must be at least 1");
            }
        }

        /** The one check of a set variance limit, shared with the configuration. @throws InvalidInputException unless finite and &gt; 0 */
        public static void requireMaxPositionVariance(String subject, double maxPositionVariance) {
            if (!(maxPositionVariance > 0 && Double.isFinite(maxPositionVariance))) {
                throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "maxPositionVariance",
                        "is " + maxPositionVariance + ", must be a finite number > 0");
            }
        }

        /** Deletion after consecutive misses only. */
        public static Deletion afterMisses(int misses) {
            return new Deletion(misses, Double.NaN);
        }
    }

    /**
     * A new track's state: {@code x} with the components the detection determines (its position)
     * replaced by the detection's, and covariance {@code P}.
     *
     * @param x the birth mean (velocities, turn rate...), in the tracks' state layout
     * @param P the birth covariance
     */
    public record Birth(double[] x, double[][] P) {

        public Birth {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(P, "P");
        }

        /** A birth at rest (every component 0 but the detection's position) with covariance P. */
        public static Birth atRest(double[][] P) {
            return new Birth(new double[P.length], P);
        }
    }

    /**
     * Late scans: a scan older than the region's newest, but by at most {@code historyMillis}, is
     * inserted in time order and the region re-run from the oldest retained scan; older ones are
     * refused as too late. At most {@code maxScans} scans are retained.
     *
     * @param historyMillis the window behind the newest scan, or -1 for none (every late scan is too late)
     * @param maxScans      the most scans retained
     */
    public record ScanHistory(long historyMillis, int maxScans) {

        /** No history: any scan older than the newest is too late. */
        public static final ScanHistory NONE = new ScanHistory(-1, 1);

        public static final int DEFAULT_MAX_SCANS = 100;

        public ScanHistory {
            if (historyMillis >= 0 && maxScans < 1) {
                throw new IllegalArgumentException("maxScans must be at least 1, got " + maxScans);
            }
        }

        public static ScanHistory window(long historyMillis) {
            return new ScanHistory(historyMillis, DEFAULT_MAX_SCANS);
        }

        public boolean enabled() {
            return historyMillis >= 0;
        }
    }
}
