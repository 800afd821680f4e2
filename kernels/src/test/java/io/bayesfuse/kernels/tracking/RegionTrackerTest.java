package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.codec.RegionStateCodec;
import io.bayesfuse.kernels.tracking.TrackingPolicy.Association;
import io.bayesfuse.kernels.tracking.TrackingPolicy.ScanHistory;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class RegionTrackerTest {

    private static final double[][] SIX_TARGETS = {
            {-400, 5, -400, 3}, {400, -4, -300, 5}, {0, 0, 500, -6}, {-300, 6, 300, 0}, {200, 3, 100, 3}, {-100, -5, -200, -2}};

    /** Every report as text with every number in full (Double.toString round-trips exactly). */
    public static List<String> exactly(List<List<TrackReport>> scans) {
        List<String> out = new ArrayList<>();
        for (List<TrackReport> reports : scans) {
            for (TrackReport r : reports) {
                out.add(r.trackId() + " " + r.status() + " " + java.util.Arrays.toString(r.x()) + " "
                        + java.util.Arrays.deepToString(r.P()) + " " + r.detail());
            }
            out.add("--");
        }
        return out;
    }

    private static double[][] confirmedPositions(List<TrackReport> reports) {
        return reports.stream().filter(r -> r.status() == TrackStatus.CONFIRMED)
                .map(r -> new double[]{r.x()[0], r.x()[2]}).toArray(double[][]::new);
    }

    private static double[][] positions(double[][] truth) {
        double[][] p = new double[truth.length][];
        for (int t = 0; t < truth.length; t++) {
            p[t] = new double[]{truth[t][0], truth[t][2]};
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(Association.class)
    void theOrderOfDetectionsWithinAScanDoesNotChangeTheResult(Association association) {
        Random shuffler = new Random(99);
        for (long seed = 1; seed <= 10; seed++) {
            TrackingScenario s = TrackingScenario.of(SIX_TARGETS, 30, 0.9, 8, 700, seed);
            List<Scan> shuffled = new ArrayList<>();
            for (Scan scan : s.scans) {
                List<Detection> d = new ArrayList<>(scan.detections());
                Collections.shuffle(d, shuffler);
                shuffled.add(new Scan(scan.sensorId(), scan.timestamp(), d));
            }
            List<List<TrackReport>> a = TrackingScenario.run(TrackingScenario.tracker(association, 0.9, 5e-6, ScanHistory.NONE), s.scans);
            List<List<TrackReport>> b = TrackingScenario.run(TrackingScenario.tracker(association, 0.9, 5e-6, ScanHistory.NONE), shuffled);
            assertThat(exactly(b)).as("seed %d", seed).isEqualTo(exactly(a));
        }
    }

    @ParameterizedTest
    @EnumSource(Association.class)
    void withCertainDetectionAndNoClutterSeparatedTargetsGetOneConfirmedTrackEachAndKeepTheirIds(Association association) {
        for (long seed = 1; seed <= 10; seed++) {
            TrackingScenario s = TrackingScenario.of(SIX_TARGETS, 40, 1.0, 0, 700, seed);
            // a gate no true detection of a consistent filter leaves (NIS > 45 has probability 2e-10)
            List<List<TrackReport>> out = TrackingScenario.run(
                    TrackingScenario.tracker(association, 1.0, 1e-7, 1 - 1.7e-10, ScanHistory.NONE), s.scans);
            Map<Integer, String> idOfTarget = new HashMap<>();
            Gospa gospa = Gospa.standard();
            for (int k = 0; k < out.size(); k++) {
                List<TrackReport> reports = out.get(k);
                assertThat(reports).as("seed %d scan %d: nothing is deleted", seed, k).noneMatch(r -> r.status() == TrackStatus.DELETED);
                assertThat(reports).as("seed %d scan %d: one track per target", seed, k).hasSize(SIX_TARGETS.length);
                if (k < 2) {
                    assertThat(reports).allMatch(r -> r.status() == TrackStatus.TENTATIVE);
                    continue;
                }
                assertThat(reports).as("seed %d scan %d: confirmed at the third hit", seed, k).allMatch(r -> r.status() == TrackStatus.CONFIRMED);
                double[][] estimates = confirmedPositions(reports);
                Gospa.Result g = gospa.between(estimates, positions(s.truth.get(k)));
                assertThat(g.missed()).isZero();
                assertThat(g.falseTracks()).isZero();
                for (int e = 0; e < reports.size(); e++) {
                    String previous = idOfTarget.putIfAbsent(g.truthOf()[e], reports.get(e).trackId());
                    assertThat(previous == null ? reports.get(e).trackId() : previous)
                            .as("seed %d scan %d: target %d keeps its track id", seed, k, g.truthOf()[e]).isEqualTo(reports.get(e).trackId());
                }
            }
            assertThat(idOfTarget.values()).doesNotHaveDuplicates().hasSize(SIX_TARGETS.length);
        }
    }

    @Test
    void aTentativeTrackIsConfirmedAtItsMthHitWithinNScansAndDeletedWhenThatBecomesImpossible() {
        RegionTracker tracker = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        List<Scan> scans = List.of(
                new Scan("radar", 0, List.of(Detection.at(0, 0), Detection.at(500, 500))),
                new Scan("radar", 1000, List.of(Detection.at(1, 0))),
                new Scan("radar", 2000, List.of()),
                new Scan("radar", 3000, List.of(Detection.at(3, 0))));
        List<List<TrackReport>> out = TrackingScenario.run(tracker, scans);
        assertThat(out.get(0)).extracting(TrackReport::trackId, TrackReport::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sea-1/1", TrackStatus.TENTATIVE), org.assertj.core.groups.Tuple.tuple("sea-1/2", TrackStatus.TENTATIVE));
        assertThat(out.get(1)).extracting(TrackReport::status).containsExactly(TrackStatus.TENTATIVE, TrackStatus.TENTATIVE);
        // track 2: one hit in 3 scans, 1 of 4 at best: deleted; track 1: 2 hits in 3, may still make 3 of 4
        assertThat(out.get(2)).extracting(TrackReport::trackId, TrackReport::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sea-1/1", TrackStatus.TENTATIVE), org.assertj.core.groups.Tuple.tuple("sea-1/2", TrackStatus.DELETED));
        assertThat(out.get(3)).extracting(TrackReport::trackId, TrackReport::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sea-1/1", TrackStatus.CONFIRMED));
    }

    @Test
    void aConfirmedTrackIsDeletedAtItsThirdConsecutiveMissAndItsNumberIsNeverReused() {
        RegionTracker tracker = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        List<Scan> scans = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            scans.add(new Scan("radar", 1000L * k, List.of(Detection.at(k, 0))));
        }
        for (int k = 3; k < 6; k++) {
            scans.add(new Scan("radar", 1000L * k, List.of()));
        }
        scans.add(new Scan("radar", 6000, List.of(Detection.at(6, 0))));
        List<List<TrackReport>> out = TrackingScenario.run(tracker, scans);
        assertThat(out.get(2)).extracting(TrackReport::status).containsExactly(TrackStatus.CONFIRMED);
        assertThat(out.get(4)).extracting(TrackReport::status).containsExactly(TrackStatus.CONFIRMED);
        assertThat(out.get(5)).extracting(TrackReport::status).containsExactly(TrackStatus.DELETED);
        assertThat(out.get(5).get(0).detail()).contains("3 consecutive scans");
        assertThat(out.get(6)).extracting(TrackReport::trackId).containsExactly("sea-1/2");
    }

    @Test
    void aTrackWhosePositionVarianceExceedsTheLimitIsDeleted() {
        TrackingPolicy loose = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE).policy();
        TrackingPolicy strict = new TrackingPolicy(loose.association(), loose.gateProbability(), loose.maxHypotheses(),
                new TrackingPolicy.Initiation(1, 1), new TrackingPolicy.Deletion(10, 50), loose.birth(), loose.history());
        RegionTracker base = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        RegionTracker tracker = new RegionTracker(base.filter(), Map.of("radar",
                new TrackingSensor("radar", new io.bayesfuse.kernels.measurement.PositionMeasurement(2), TrackingScenario.R, 0.9, 1e-6,
                        base.filter().layout())), strict);
        List<List<TrackReport>> out = TrackingScenario.run(tracker, List.of(
                new Scan("radar", 0, List.of(Detection.at(0, 0))),
                new Scan("radar", 1000, List.of()),
                new Scan("radar", 2000, List.of())));
        assertThat(out.get(0)).extracting(TrackReport::status).containsExactly(TrackStatus.CONFIRMED);
        // the birth variance 9 grows by 100·dt² + ... per second without detections: over 50 at the first miss
        assertThat(out.get(1)).extracting(TrackReport::status).containsExactly(TrackStatus.DELETED);
        assertThat(out.get(1).get(0).detail()).contains("position variance");
    }

    @ParameterizedTest
    @EnumSource(Association.class)
    void aLateScanWithinTheWindowGivesTheRegionItWouldHaveHadInOrder(Association association) {
        TrackingScenario s = TrackingScenario.of(SIX_TARGETS, 25, 0.9, 5, 700, 3);
        List<Scan> inOrder = s.scans;
        List<Scan> shuffled = new ArrayList<>(inOrder);
        // scans 10 and 17 arrive three scans late
        shuffled.add(13, shuffled.remove(10));
        shuffled.add(20, shuffled.remove(17));
        RegionTracker a = TrackingScenario.tracker(association, 0.9, 5e-6, ScanHistory.window(5000));
        RegionTracker b = TrackingScenario.tracker(association, 0.9, 5e-6, ScanHistory.window(5000));
        RegionState sa = null;
        RegionState sb = null;
        List<ScanResult.Status> statuses = new ArrayList<>();
        for (int k = 0; k < inOrder.size(); k++) {
            sa = a.process("sea-1", sa, inOrder.get(k)).state();
            ScanResult r = b.process("sea-1", sb, shuffled.get(k));
            statuses.add(r.status());
            sb = r.state();
        }
        assertThat(statuses).filteredOn(st -> st == ScanResult.Status.REVISED).hasSize(2);
        assertThat(RegionStateCodec.encode("", new RegionState(sb.current(), null, false, List.of())))
                .isEqualTo(RegionStateCodec.encode("", new RegionState(sa.current(), null, false, List.of())));
        assertThat(exactly(List.of(b.tracks("sea-1", sb)))).isEqualTo(exactly(List.of(a.tracks("sea-1", sa))));
    }

    @Test
    void aScanOlderThanTheWindowIsTooLateAndChangesNothing() {
        RegionTracker tracker = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.window(2000));
        RegionState state = tracker.process("sea-1", null, new Scan("radar", 10_000, List.of(Detection.at(0, 0)))).state();
        state = tracker.process("sea-1", state, new Scan("radar", 11_000, List.of(Detection.at(1, 0)))).state();
        ScanResult late = tracker.process("sea-1", state, new Scan("radar", 8_500, List.of(Detection.at(9, 9))));
        assertThat(late.status()).isEqualTo(ScanResult.Status.TOO_LATE);
        assertThat(late.detail()).contains("more than 2000 ms older");
        assertThat(late.state()).isSameAs(state);
        RegionTracker noHistory = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        RegionState s2 = noHistory.process("sea-1", null, new Scan("radar", 10_000, List.of())).state();
        assertThat(noHistory.process("sea-1", s2, new Scan("radar", 9_999, List.of())).status()).isEqualTo(ScanResult.Status.TOO_LATE);
    }

    @Test
    void badScansAreRefusedNamingTheProblemBeforeAnyStateChanges() {
        RegionTracker tracker = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        RegionState state = tracker.process("sea-1", null, new Scan("radar", 0, List.of(Detection.at(0, 0)))).state();
        RegionState before = state;
        assertThatThrownBy(() -> tracker.process("sea-1", before, new Scan("lidar", 1000, List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'lidar' is not a tracking sensor");
        assertThatThrownBy(() -> tracker.process("sea-1", before, new Scan("radar", 1000, List.of(Detection.at(1, 1), Detection.at(1, Double.NaN)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("detections[1].z")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(InvalidInputException.Problem.NON_FINITE);
        assertThatThrownBy(() -> tracker.process("sea-1", before, new Scan("radar", 1000, List.of(Detection.at(1, 2, 3)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 3 components")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(InvalidInputException.Problem.WRONG_DIMENSION);
        assertThatThrownBy(() -> tracker.process("sea-1", before, new Scan("radar", 1000,
                List.of(new Detection(new double[]{1, 1}, new double[][]{{1, 2}, {2, 1}})))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("detections[0].R");
        assertThat(before).isSameAs(state);
    }

    @Test
    void aDetectionWithItsOwnNoiseIsGatedAndAppliedWithThatNoise() {
        RegionTracker tracker = TrackingScenario.tracker(Association.GNN, 0.9, 1e-6, ScanHistory.NONE);
        RegionState state = null;
        for (int k = 0; k < 3; k++) {
            state = tracker.process("sea-1", state, new Scan("radar", 1000L * k, List.of(Detection.at(10.0 * k, 0)))).state();
        }
        // 60 m off the prediction: outside the gate with R = 9, inside with R = 2500
        ScanResult far = tracker.process("sea-1", state, new Scan("radar", 3000, List.of(Detection.at(30, 60))));
        assertThat(far.reports()).extracting(TrackReport::trackId).contains("sea-1/1", "sea-1/2");
        ScanResult wide = tracker.process("sea-1", state, new Scan("radar", 3000,
                List.of(new Detection(new double[]{30, 60}, new double[][]{{2500, 0}, {0, 2500}}))));
        assertThat(wide.reports()).extracting(TrackReport::trackId).containsExactly("sea-1/1");
        assertThat(wide.reports().get(0).x()[2]).isBetween(0.1, 20.0);
    }

    /**
     * 10 false detections a scan over 1.4 km × 1.4 km: every target is found within a few scans,
     * and the few clutter tracks that M-of-N confirms (a tentative track's first gates are wide:
     * its velocity is unknown) are deleted three scans later.
     */
    @ParameterizedTest
    @EnumSource(Association.class)
    void inClutterTheTrackerFindsEveryTargetAndFewFalseTracks(Association association) {
        TrackingScenario s = TrackingScenario.of(SIX_TARGETS, 60, 0.9, 10, 700, 21);
        double clutterDensity = 10 / (1400.0 * 1400.0);
        List<List<TrackReport>> out = TrackingScenario.run(TrackingScenario.tracker(association, 0.9, clutterDensity, ScanHistory.NONE), s.scans);
        Gospa gospa = Gospa.standard();
        int missed = 0;
        int falseTracks = 0;
        for (int k = 5; k < out.size(); k++) {
            Gospa.Result g = gospa.between(confirmedPositions(out.get(k)), positions(s.truth.get(k)));
            missed += g.missed();
            falseTracks += g.falseTracks();
        }
        assertThat(missed).as("missed target-scans of 330").isLessThanOrEqualTo(6);
        assertThat(falseTracks).as("false track-scans of 55 scans").isLessThanOrEqualTo(12);
    }

    /** An IMM of constant velocity and coordinated turn (EKF modes) follows a target through a 90° turn. */
    @Test
    void anImmOfConstantVelocityAndCoordinatedTurnTracksATurningTarget() {
        var cv = io.bayesfuse.kernels.motion.KinematicModel.constantVelocity(2, new io.bayesfuse.kernels.motion.ContinuousWhiteNoise(0.1));
        var ct = new io.bayesfuse.kernels.motion.CoordinatedTurnModel(new io.bayesfuse.kernels.motion.ContinuousWhiteNoise(0.1), 1e-4);
        var imm = new io.bayesfuse.kernels.filter.InteractingMultipleModel(
                new io.bayesfuse.kernels.filter.GaussianFilter[]{new io.bayesfuse.kernels.filter.ExtendedKalmanFilter(cv),
                        new io.bayesfuse.kernels.filter.ExtendedKalmanFilter(ct)},
                new double[][]{{0.95, 0.05}, {0.05, 0.95}}, new double[]{0.5, 0.5});
        double[][] birthP = {{9, 0, 0, 0, 0}, {0, 100, 0, 0, 0}, {0, 0, 9, 0, 0}, {0, 0, 0, 100, 0}, {0, 0, 0, 0, 0.01}};
        TrackingSensor radar = new TrackingSensor("radar", new io.bayesfuse.kernels.measurement.PositionMeasurement(2),
                TrackingScenario.R, 0.95, 1e-7, ct.layout());
        // a gate no true detection of a consistent filter leaves, so one track is all there can be
        TrackingPolicy policy = TrackingPolicy.gnn(1 - 1.7e-10, new TrackingPolicy.Initiation(3, 4), TrackingPolicy.Deletion.afterMisses(3),
                TrackingPolicy.Birth.atRest(birthP), ScanHistory.NONE);
        RegionTracker tracker = new RegionTracker(imm, Map.of("radar", radar), policy);
        Random random = new Random(3);
        org.ejml.data.DMatrixRMaj truth = io.bayesfuse.kernels.linalg.Matrices.column(0, 20, 0, 0, 0);
        org.ejml.data.DMatrixRMaj next = new org.ejml.data.DMatrixRMaj(5, 1);
        RegionState state = null;
        for (int k = 0; k < 60; k++) {
            truth.set(4, 0, k >= 20 && k < 35 ? Math.PI / 2 / 15 : 0);   // a 90-degree turn over 15 s
            if (k > 0) {
                ct.propagate(1, truth, next);
                truth.setTo(next);
            }
            ScanResult r = tracker.process("sea-1", state, new Scan("radar", 1000L * k, List.of(
                    Detection.at(truth.get(0) + 3 * random.nextGaussian(), truth.get(2) + 3 * random.nextGaussian()))));
            state = r.state();
            if (k >= 3) {
                assertThat(r.reports()).as("scan %d", k).extracting(TrackReport::trackId, TrackReport::status)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("sea-1/1", TrackStatus.CONFIRMED));
                assertThat(Math.hypot(r.reports().get(0).x()[0] - truth.get(0), r.reports().get(0).x()[2] - truth.get(2)))
                        .as("scan %d position error", k).isLessThan(10.0);
            }
        }
    }

    @Test
    void jpdaIsRefusedForAnImmBecauseItsTracksAreNotOneGaussian() {
        var cv = io.bayesfuse.kernels.motion.KinematicModel.constantVelocity(2, new io.bayesfuse.kernels.motion.ContinuousWhiteNoise(0.1));
        var imm = new io.bayesfuse.kernels.filter.InteractingMultipleModel(
                new io.bayesfuse.kernels.filter.GaussianFilter[]{new io.bayesfuse.kernels.filter.KalmanFilter(cv), new io.bayesfuse.kernels.filter.KalmanFilter(cv)},
                new double[][]{{0.9, 0.1}, {0.1, 0.9}}, new double[]{0.5, 0.5});
        TrackingPolicy policy = TrackingScenario.tracker(Association.JPDA, 0.9, 1e-6, ScanHistory.NONE).policy();
        assertThatThrownBy(() -> new RegionTracker(imm, Map.of(), policy)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("association jpda needs a kf, ekf or ukf filter");
    }
}
