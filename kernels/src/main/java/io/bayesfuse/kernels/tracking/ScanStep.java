package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Association;
import io.bayesfuse.kernels.tracking.association.AssociationProblem;
import io.bayesfuse.kernels.tracking.association.GlobalNearestNeighbour;
import io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * One scan applied to a region's tracks, in the order of the textbook tracking loop (Blackman and
 * Popoli 1999, ch. 1; Stone Soup's {@code MultiTargetTracker} reads the same way):
 * <ol>
 * <li><b>predict</b> every track to the scan time;</li>
 * <li><b>gate</b>: the detections whose NIS against a track's prediction is within χ²ₘ⁻¹(P_G);</li>
 * <li><b>associate and update the confirmed tracks</b> with all detections: GNN assigns each at most
 * one detection, JPDA updates each with every gated detection weighted by its marginal association
 * probability (and moment-matches the result); a detection JPDA gives to confirmed tracks with total
 * probability at least ½ is theirs;</li>
 * <li><b>associate and update the tentative tracks</b> with the detections the confirmed ones did not
 * take, always by GNN (confirmation counts hard hits);</li>
 * <li><b>confirm and delete</b>: M-of-N for tentative tracks; consecutive misses and the covariance
 * limit for all; a track whose filter diverged ends too;</li>
 * <li><b>initiate</b> a tentative track at every detection no track took, numbered in the scan's
 * canonical detection order.</li>
 * </ol>
 * A track counts as detected in a scan when GNN gave it a detection, or when JPDA's probability
 * that it was detected, 1 − β₀, is at least ½. The detections are processed in {@link
 * Detection#CANONICAL} order, so the order they arrive in changes nothing. Not thread-safe.
 */
final class ScanStep {

    private final RecursiveFilter filter;
    private final TrackingPolicy policy;
    private final ChiSquareGate gate;
    private final GlobalNearestNeighbour gnn = new GlobalNearestNeighbour();
    private final JointProbabilisticAssociation jpda;
    private final Innovations innovations = new Innovations();
    private final StateLayout layout;
    private final DMatrixRMaj birthP;
    private final DMatrixRMaj birthX;

    ScanStep(RecursiveFilter filter, TrackingPolicy policy) {
        this.filter = filter;
        this.policy = policy;
        this.gate = new ChiSquareGate(policy.gateProbability());
        this.jpda = new JointProbabilisticAssociation(policy.maxHypotheses());
        this.layout = filter.layout();
        this.birthP = Matrices.of(policy.birth().P());
        Matrices.symmetrise(birthP);
        this.birthX = new DMatrixRMaj(layout.size(), 1);
    }

    /** The region after the scan and the reports of its tracks. */
    record Outcome(RegionSnapshot snapshot, List<TrackReport> reports) {
    }

    /** What became of one existing track in this scan. */
    private static final class Fate {
        FilterState state;
        boolean detected;
        String ended;
    }

    /**
     * @param detections the scan's detections, checked against the sensor, in canonical order
     */
    Outcome apply(String region, RegionSnapshot before, TrackingSensor sensor, long time, List<Detection> detections) {
        List<Track> tracks = before.tracks();
        int count = tracks.size();
        double dt = (time - before.time()) / 1000.0;
        double threshold = gate.threshold(sensor.model().measurementSize());
        double logMiss = Math.log(1 - sensor.detectionProbability() * policy.gateProbability());
        double logDetectionOverClutter = Math.log(sensor.detectionProbability()) - Math.log(sensor.clutterDensity());

        // predict and gate
        DetectionIndex index = DetectionIndex.of(detections);
        FilterState[] predicted = new FilterState[count];
        Innovations.Gated[] gated = new Innovations.Gated[count];
        Fate[] fates = new Fate[count];
        for (int i = 0; i < count; i++) {
            fates[i] = new Fate();
            filter.restore(tracks.get(i).state());
            filter.predict(dt);
            Innovations.Gated g = filter.isHealthy() ? innovations.gate(filter, sensor, detections, index, threshold) : null;
            if (g == null) {
                fates[i].ended = "its filter diverged (a covariance that is not positive definite) at " + time;
                fates[i].state = tracks.get(i).state();
                gated[i] = new Innovations.Gated(new int[0], new double[0]);
                continue;
            }
            predicted[i] = filter.save();
            gated[i] = g;
            fates[i].state = predicted[i];
        }

        // confirmed tracks first, then tentative ones with what is left
        double[] taken = new double[detections.size()];
        int[] confirmed = select(tracks, fates, TrackStatus.CONFIRMED);
        int[] tentative = select(tracks, fates, TrackStatus.TENTATIVE);
        AssociationProblem first = problem(confirmed, gated, taken, detections.size(), logMiss, logDetectionOverClutter);
        if (policy.association() == Association.JPDA) {
            updateByJpda(confirmed, first, predicted, fates, sensor, detections, taken);
        } else {
            updateByGnn(confirmed, first, predicted, fates, sensor, detections, taken);
        }
        AssociationProblem second = problem(tentative, gated, taken, detections.size(), logMiss, logDetectionOverClutter);
        updateByGnn(tentative, second, predicted, fates, sensor, detections, taken);

        // confirm, delete, report
        List<Track> alive = new ArrayList<>(count);
        List<TrackReport> reports = new ArrayList<>(count + 4);
        for (int i = 0; i < count; i++) {
            Track next = live(tracks.get(i), fates[i]);
            String id = Track.id(region, tracks.get(i).number());
            if (next == null) {
                reports.add(report(id, tracks.get(i).number(), TrackStatus.DELETED, fates[i].state, fates[i].ended));
            } else {
                alive.add(next);
                reports.add(report(id, next.number(), next.status(), next.state(), null));
            }
        }

        // initiate
        long number = before.nextNumber();
        for (int j = 0; j < detections.size(); j++) {
            if (taken[j] >= 0.5) {
                continue;
            }
            Track born = birth(number++, sensor, detections.get(j));
            alive.add(born);
            reports.add(report(Track.id(region, born.number()), born.number(), born.status(), born.state(), null));
        }
        return new Outcome(new RegionSnapshot(time, number, alive), reports);
    }

    /** The indices of the tracks of {@code status} that are still alive. */
    private static int[] select(List<Track> tracks, Fate[] fates, TrackStatus status) {
        int[] out = new int[tracks.size()];
        int n = 0;
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).status() == status && fates[i].ended == null) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The association problem of {@code which} tracks with the detections not yet taken. */
    private static AssociationProblem problem(int[] which, Innovations.Gated[] gated, double[] taken, int detections,
                                              double logMiss, double logDetectionOverClutter) {
        int[][] gatedDetections = new int[which.length][];
        double[][] logWeights = new double[which.length][];
        double[] logMisses = new double[which.length];
        for (int r = 0; r < which.length; r++) {
            Innovations.Gated g = gated[which[r]];
            int free = 0;
            for (int j : g.detections()) {
                if (taken[j] < 0.5) {
                    free++;
                }
            }
            gatedDetections[r] = new int[free];
            logWeights[r] = new double[free];
            int k = 0;
            for (int q = 0; q < g.detections().length; q++) {
                int j = g.detections()[q];
                if (taken[j] < 0.5) {
                    gatedDetections[r][k] = j;
                    // ln(P_D N(z; ẑ, S) / λ)
                    logWeights[r][k] = logDetectionOverClutter + g.logLikelihoods()[q];
                    k++;
                }
            }
            logMisses[r] = logMiss;
        }
        return new AssociationProblem(detections, gatedDetections, logWeights, logMisses);
    }

    private void updateByGnn(int[] which, AssociationProblem problem, FilterState[] predicted, Fate[] fates,
                             TrackingSensor sensor, List<Detection> detections, double[] taken) {
        int[] assigned = gnn.associate(problem);
        for (int r = 0; r < which.length; r++) {
            int i = which[r];
            int j = assigned[r];
            if (j < 0) {
                continue;
            }
            taken[j] = 1;
            FilterState updated = update(predicted[i], sensor, detections.get(j));
            if (updated == null) {
                fates[i].ended = "its filter diverged when updated with a detection";
            } else {
                fates[i].state = updated;
                fates[i].detected = true;
            }
        }
    }

    /**
     * JPDA: the track's posterior is the β-weighted mixture of its prediction (missed) and its
     * updates with each gated detection, reduced to one Gaussian by moment matching; for the Kalman
     * family this is the textbook x = x⁻ + K Σⱼ βⱼ yⱼ with the spread-of-innovations term in P.
     */
    private void updateByJpda(int[] which, AssociationProblem problem, FilterState[] predicted, Fate[] fates,
                              TrackingSensor sensor, List<Detection> detections, double[] taken) {
        double[][] beta = jpda.associate(problem);
        for (int r = 0; r < which.length; r++) {
            int i = which[r];
            int[] gated = problem.gated(r);
            double missed = beta[r][gated.length];
            for (int k = 0; k < gated.length; k++) {
                taken[gated[k]] += beta[r][k];
            }
            if (gated.length == 0) {
                continue;
            }
            GaussianState prediction = (GaussianState) predicted[i];
            int n = prediction.x().length;
            double[] x = new double[n];
            double[] P = new double[n * n];
            GaussianState[] components = new GaussianState[gated.length + 1];
            double[] weights = new double[gated.length + 1];
            components[gated.length] = prediction;
            weights[gated.length] = missed;
            for (int k = 0; k < gated.length; k++) {
                weights[k] = beta[r][k];
                if (beta[r][k] > 0) {
                    components[k] = (GaussianState) update(prediction, sensor, detections.get(gated[k]));
                    if (components[k] == null) {
                        weights[k] = 0;
                    }
                }
            }
            mergeMoments(components, weights, x, P);
            fates[i].state = new GaussianState(x, P);
            fates[i].detected = 1 - missed >= 0.5;
        }
    }

    /** x = Σ wₖ xₖ, P = Σ wₖ (Pₖ + (xₖ − x)(xₖ − x)ᵀ), weights normalised, P symmetrised. */
    static void mergeMoments(GaussianState[] components, double[] weights, double[] x, double[] P) {
        int n = x.length;
        double total = 0;
        for (int k = 0; k < components.length; k++) {
            if (components[k] != null) {
                total += weights[k];
            }
        }
        for (int k = 0; k < components.length; k++) {
            if (components[k] == null || weights[k] == 0) {
                continue;
            }
            double w = weights[k] / total;
            for (int a = 0; a < n; a++) {
                x[a] += w * components[k].x()[a];
            }
        }
        for (int k = 0; k < components.length; k++) {
            if (components[k] == null || weights[k] == 0) {
                continue;
            }
            double w = weights[k] / total;
            double[] xk = components[k].x();
            double[] Pk = components[k].P();
            for (int a = 0; a < n; a++) {
                double da = xk[a] - x[a];
                for (int b = 0; b < n; b++) {
                    P[a * n + b] += w * (Pk[a * n + b] + da * (xk[b] - x[b]));
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double mean = 0.5 * (P[a * n + b] + P[b * n + a]);
                P[a * n + b] = mean;
                P[b * n + a] = mean;
            }
        }
    }

    /** The predicted state updated with one detection, or null when the update diverged. */
    private FilterState update(FilterState prediction, TrackingSensor sensor, Detection d) {
        int m = sensor.model().measurementSize();
        filter.restore(prediction);
        DMatrixRMaj R = d.R() == null ? sensor.R() : innovations.loadR(d, m);
        UpdateResult result = filter.update(sensor.model(), innovations.load(d, m), R, Gate.NONE);
        if (result.outcome() != UpdateResult.Outcome.APPLIED || !filter.isHealthy()) {
            return null;
        }
        return filter.save();
    }

    /** The track after this scan's confirmation and deletion rules, or null when it ended (fate.ended says why). */
    private Track live(Track track, Fate fate) {
        if (fate.ended != null) {
            return null;
        }
        int scans = track.scans() + 1;
        int hits = track.hits() + (fate.detected ? 1 : 0);
        int misses = fate.detected ? 0 : track.misses() + 1;
        TrackStatus status = track.status();
        TrackingPolicy.Initiation mOfN = policy.initiation();
        if (status == TrackStatus.TENTATIVE) {
            if (hits >= mOfN.m()) {
                status = TrackStatus.CONFIRMED;
            } else if (hits + (mOfN.n() - scans) < mOfN.m()) {
                fate.ended = "tentative: detected in " + hits + " of its first " + scans + " scans, cannot reach "
                        + mOfN.m() + " of " + mOfN.n();
                return null;
            }
        }
        if (misses >= policy.deletion().misses()) {
            fate.ended = "not detected in " + misses + " consecutive scans";
            return null;
        }
        double limit = policy.deletion().maxPositionVariance();
        if (!Double.isNaN(limit)) {
            filter.restore(fate.state);
            DMatrixRMaj P = filter.covariance();
            for (int axis = 0; axis < layout.axes(); axis++) {
                int p = layout.positionIndex(axis);
                if (P.unsafe_get(p, p) > limit) {
                    fate.ended = "its position variance on axis " + (axis + 1) + " (" + P.unsafe_get(p, p)
                            + ") exceeds the limit " + limit;
                    return null;
                }
            }
        }
        return new Track(track.number(), status, fate.state, scans, hits, misses);
    }

    /** A new tentative track at a detection (confirmed at once when m = 1). */
    private Track birth(long number, TrackingSensor sensor, Detection d) {
        double[] x = policy.birth().x().clone();
        sensor.model().invert(layout, d.z(), x);
        System.arraycopy(x, 0, birthX.data, 0, x.length);
        filter.initialise(birthX, birthP, number);
        TrackStatus status = policy.initiation().m() <= 1 ? TrackStatus.CONFIRMED : TrackStatus.TENTATIVE;
        return new Track(number, status, filter.save(), 1, 1, 0);
    }

    private TrackReport report(String id, long number, TrackStatus status, FilterState state, String detail) {
        filter.restore(state);
        return new TrackReport(id, number, status, Matrices.toArray(filter.mean()), Matrices.toRows(filter.covariance()), detail);
    }
}
