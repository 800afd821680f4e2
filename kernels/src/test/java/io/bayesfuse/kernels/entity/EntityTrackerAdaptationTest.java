package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation.Structure;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.codec.EntityStateCodec;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.InteractingMultipleModel;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.simulation.TargetSimulation;
import io.bayesfuse.kernels.smoothing.FixedLagSmoother;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;
import io.bayesfuse.kernels.stats.Consistency;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Adaptive noise and fixed-lag smoothing as the stream runs them: through {@link EntityTracker},
 * with every state going through the codec, in order and out of order.
 */
class EntityTrackerAdaptationTest {

    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final Gaussian PRIOR = Gaussian.of("prior", new double[]{0, 1, 0, 1},
            new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});
    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final DMatrixRMaj H = positionMatrix();
    /** The gps's true noise; it is configured 10× too small. */
    private static final DMatrixRMaj GPS_R = Matrices.diagonal(4, 4);
    private static final double[][] GPS_CONFIGURED = {{0.4, 0}, {0, 0.4}};
    private static final DMatrixRMaj TAG_R = Matrices.diagonal(1, 1);
    private static final NoiseAdaptation ADAPTATION = new NoiseAdaptation(Structure.DIAGONAL, 0.98, 10, 3);

    private static DMatrixRMaj positionMatrix() {
        DMatrixRMaj h = new DMatrixRMaj(2, 4);
        POSITION.jacobian(CV2.layout(), new DMatrixRMaj(4, 1), h);
        return h;
    }

    private static EntityTracker tracker(RecursiveFilter filter, NoiseAdaptation gpsAdaptation, OutOfOrderPolicy outOfOrder,
                                         SmoothingPolicy smoothing) {
        Map<String, Sensor> sensors = Map.of(
                "gps", new Sensor("gps", POSITION, GPS_CONFIGURED, Gate.NONE, gpsAdaptation, CV2.layout()),
                "tag", new Sensor("tag", POSITION, Matrices.toRows(TAG_R), Gate.NONE, CV2.layout()));
        return new EntityTracker(filter, PRIOR, sensors, outOfOrder, smoothing, List.of("cv"), 5);
    }

    /** A target measured every 0.5–1.5 s, by the gps three times in four; {@code truths} receives the truth at each. */
    private static List<Measurement> track(int count, long seed, List<double[]> truths) {
        TargetSimulation sim = new TargetSimulation(seed);
        Random random = new Random(seed + 1);
        double[] truth = sim.draw(PRIOR.mean(), Matrices.of(PRIOR.covariance()));
        long t = 1_000_000;
        List<Measurement> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long dt = k == 0 ? 0 : 500 + random.nextInt(1000);
            t += dt;
            truth = sim.step(CV2, truth, dt / 1000.0);
            boolean gps = random.nextInt(4) != 0;
            list.add(new Measurement(gps ? "gps" : "tag", t, sim.measure(H, truth, gps ? GPS_R : TAG_R), null));
            truths.add(truth);
        }
        return list;
    }

    /** Processes in the given order through an encoded store, as the stream does. */
    private static List<TrackingResult> run(EntityTracker tracker, List<Measurement> measurements) {
        byte[] stored = null;
        List<TrackingResult> results = new ArrayList<>();
        for (Measurement m : measurements) {
            TrackingResult result = tracker.process("e1", stored == null ? null : EntityStateCodec.decode(stored), m);
            stored = EntityStateCodec.encode(result.state());
            results.add(result);
        }
        return results;
    }

    private static TrackingResult last(List<TrackingResult> results) {
        return results.get(results.size() - 1);
    }

    /** The gps's NIS averaged over measurements 500 onwards, and how many there were. */
    private static double[] averageGpsNis(List<Measurement> measurements, List<TrackingResult> results) {
        double sum = 0;
        int count = 0;
        for (int i = 500; i < measurements.size(); i++) {
            if (measurements.get(i).sensorId().equals("gps")) {
                sum += results.get(i).nis();
                count++;
            }
        }
        return new double[]{sum / count, count};
    }

    @Test
    void aSensorsRConfiguredTenTimesTooSmallIsLearnedPerEntityAndTheNisComesBackInsideItsInterval() {
        List<Measurement> measurements = track(2500, 41, new ArrayList<>());
        List<TrackingResult> fixed = run(tracker(new KalmanFilter(CV2), null, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE), measurements);
        List<TrackingResult> adaptive = run(tracker(new KalmanFilter(CV2), ADAPTATION, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE), measurements);
        double[] fixedNis = averageGpsNis(measurements, fixed);
        double[] adaptiveNis = averageGpsNis(measurements, adaptive);
        double[] interval = Consistency.averageInterval(2, (int) adaptiveNis[1], 0.95);
        assertThat(fixedNis[0]).isGreaterThan(interval[1]);
        assertThat(adaptiveNis[0]).isBetween(interval[0], interval[1]);
        // the learned R is in the entity's state, for the gps only
        EntityState state = last(adaptive).state();
        assertThat(state.noise()).containsOnlyKeys("gps");
        double[][] learned = state.noise().get("gps").variationalR();
        assertThat(learned[0][0]).isCloseTo(4, within(1.5));
        assertThat(learned[1][1]).isCloseTo(4, within(1.5));
    }

    @Test
    void lateMeasurementsEndInTheInOrderStateWithTheSameLearnedNoiseAndSmootherWindow() {
        List<Measurement> inOrder = track(120, 42, new ArrayList<>());
        List<Measurement> shuffled = new ArrayList<>(inOrder);
        Random random = new Random(43);
        for (int i = 1; i < shuffled.size(); i++) {
            if (random.nextInt(3) == 0) {   // a measurement overtakes its predecessor (late by one position, < 1.5 s)
                Collections.swap(shuffled, i - 1, i);
                i++;
            }
        }
        // lag 3: the window lies within the retained history; lag 8 with at most 4 retained: it reaches behind it
        for (OutOfOrderPolicy policy : List.of(OutOfOrderPolicy.window(3000), new OutOfOrderPolicy(3000, 4))) {
            for (SmoothingPolicy smoothing : List.of(SmoothingPolicy.lag(3), SmoothingPolicy.lag(8))) {
                TrackingResult ordered = last(run(tracker(new KalmanFilter(CV2), ADAPTATION, policy, smoothing), inOrder));
                List<TrackingResult> results = run(tracker(new KalmanFilter(CV2), ADAPTATION, policy, smoothing), shuffled);
                assertThat(results).extracting(TrackingResult::status).contains(EntityStatus.REVISED).doesNotContain(EntityStatus.TOO_LATE);
                TrackingResult late = last(results);
                assertThat(late.x()).containsExactly(ordered.x());
                assertThat(late.P()).isDeepEqualTo(ordered.P());
                assertThat(late.state().noise()).isEqualTo(ordered.state().noise());
                assertThat(late.state().smoother()).isEqualTo(ordered.state().smoother());
                assertThat(late.smoothed().x()).containsExactly(ordered.smoothed().x());
            }
        }
    }

    @Test
    void foldingMeasurementsOutOfTheHistoryKeepsTheLearnedNoiseExact() {
        List<Measurement> measurements = track(150, 44, new ArrayList<>());
        List<TrackingResult> without = run(tracker(new KalmanFilter(CV2), ADAPTATION, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE), measurements);
        List<TrackingResult> with = run(tracker(new KalmanFilter(CV2), ADAPTATION, new OutOfOrderPolicy(2000, 3), SmoothingPolicy.NONE), measurements);
        for (int i = 0; i < measurements.size(); i++) {
            assertThat(with.get(i).x()).containsExactly(without.get(i).x());
            assertThat(with.get(i).nis()).isEqualTo(without.get(i).nis());
        }
        assertThat(last(with).state().noise()).isEqualTo(last(without).state().noise());
        assertThat(last(with).state().baseNoise()).containsOnlyKeys("gps");
    }

    @Test
    void aMeasurementWithItsOwnRNeitherUsesNorTeachesTheLearnedNoise() {
        EntityTracker tracker = tracker(new KalmanFilter(CV2), ADAPTATION, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE);
        TrackingResult first = tracker.process("e1", null, new Measurement("gps", 1000, new double[]{1, 1}, null));
        NoisePosterior learned = first.state().noise().get("gps");
        TrackingResult own = tracker.process("e1", first.state(), new Measurement("gps", 2000, new double[]{2, 2}, new double[][]{{9, 0}, {0, 9}}));
        assertThat(own.state().noise().get("gps")).isEqualTo(learned);
    }

    @Test
    void smoothedResultsAreTheFixedLagSmootherOfTheFilteredOnesAndBeatThemOnRmse() {
        List<double[]> truths = new ArrayList<>();
        List<Measurement> measurements = track(600, 45, truths);
        int lag = 4;
        List<TrackingResult> results = run(tracker(new UnscentedKalmanFilter(CV2, 0.5, 2, 0), null, OutOfOrderPolicy.NONE,
                SmoothingPolicy.lag(lag)), measurements);
        FixedLagSmoother smoother = new FixedLagSmoother(CV2, lag);
        SmootherWindow window = SmootherWindow.EMPTY;
        double filteredSquared = 0;
        double smoothedSquared = 0;
        for (int k = 0; k < results.size(); k++) {
            TrackingResult r = results.get(k);
            window = smoother.append(window, measurements.get(k).timestamp(), Matrices.column(r.x()), Matrices.of(r.P()));
            SmoothedEstimate expected = smoother.smooth(window);
            if (k < lag) {
                assertThat(r.smoothed()).isNull();
                continue;
            }
            assertThat(r.smoothed().time()).isEqualTo(measurements.get(k - lag).timestamp());
            assertThat(r.smoothed().x()).containsExactly(expected.x());
            double[] truth = truths.get(k - lag);
            double[] filtered = results.get(k - lag).x();
            for (int axis : new int[]{0, 2}) {
                filteredSquared += Math.pow(filtered[axis] - truth[axis], 2);
                smoothedSquared += Math.pow(r.smoothed().x()[axis] - truth[axis], 2);
            }
        }
        assertThat(Math.sqrt(smoothedSquared)).isLessThan(0.8 * Math.sqrt(filteredSquared));
    }

    @Test
    void aResetEmptiesTheSmootherWindow() {
        EntityTracker tracker = tracker(new KalmanFilter(CV2), null, OutOfOrderPolicy.NONE, SmoothingPolicy.lag(2));
        List<TrackingResult> results = run(tracker, track(5, 46, new ArrayList<>()));
        EntityState state = last(results).state();
        assertThat(last(results).smoothed()).isNotNull();
        EntityState broken = new EntityState(state.modelIds(), state.time(),
                new io.bayesfuse.kernels.filter.GaussianState(new double[]{Double.NaN, 0, 0, 0}, Matrices.of(PRIOR.covariance()).data),
                state.time(), null, false, List.of(), state.noise(), null, state.smoother());
        TrackingResult reset = tracker.process("e1", broken, new Measurement("tag", state.time() + 1000, new double[]{1, 1}, null));
        assertThat(reset.status()).isEqualTo(EntityStatus.RESET);
        assertThat(reset.state().smoother().size()).isEqualTo(1);
        assertThat(reset.smoothed()).isNull();
    }

    @Test
    void resultsCarryTheWhitenedInnovationWhoseSquaredNormIsTheNis() {
        List<Measurement> measurements = track(30, 47, new ArrayList<>());
        for (TrackingResult r : run(tracker(new KalmanFilter(CV2), ADAPTATION, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE), measurements)) {
            double[] e = r.normalisedInnovation();
            assertThat(e[0] * e[0] + e[1] * e[1]).isCloseTo(r.nis(), within(1e-9 * Math.max(1, r.nis())));
        }
        TrackingResult particle = tracker(new ParticleFilter(CV2, 100, 0.5), null, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE)
                .process("e1", null, measurements.get(0));
        assertThat(particle.normalisedInnovation()).isNull();
    }

    @Test
    void adaptationAndSmoothingThatDoNotFitTheFilterAreRefused() {
        assertThatThrownBy(() -> tracker(new ParticleFilter(CV2, 100, 0.5), ADAPTATION, OutOfOrderPolicy.NONE, SmoothingPolicy.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sensor 'gps': adaptation needs a kf, ekf or ukf filter to learn R");
        InteractingMultipleModel imm = new InteractingMultipleModel(new GaussianFilter[]{new KalmanFilter(CV2), new KalmanFilter(CV2)},
                new double[][]{{0.9, 0.1}, {0.1, 0.9}}, new double[]{0.5, 0.5});
        assertThatThrownBy(() -> tracker(imm, null, OutOfOrderPolicy.NONE, SmoothingPolicy.lag(3)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("filter: smoothing needs a Gaussian filter (kf, ekf, ukf or information)");
        assertThatThrownBy(() -> new Sensor("dnn", new StateEvidenceMeasurement("sensor 'dnn'", new int[]{0, 2},
                new double[][]{{100, 0}, {0, 100}}, new double[]{0, 0}, CV2.layout()),
                new double[][]{{1, 0}, {0, 1}}, Gate.NONE, ADAPTATION, CV2.layout()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("state-evidence");
    }

    @Test
    void aStateWithLearnedNoiseAndAWindowRoundTripsAndVersionOneStatesAreStillRead() {
        TrackingResult result = last(run(tracker(new KalmanFilter(CV2), new NoiseAdaptation(Structure.FULL, 0.98, 10, 2),
                OutOfOrderPolicy.window(2000), SmoothingPolicy.lag(3)), track(20, 48, new ArrayList<>())));
        EntityState state = result.state();
        assertThat(state.noise()).isNotEmpty();
        assertThat(state.baseNoise()).isNotEmpty();
        assertThat(state.smoother().size()).isEqualTo(4);
        assertThat(EntityStateCodec.decode(EntityStateCodec.encode(state))).isEqualTo(state);

        // version 1 ended after the history: a state without the new parts, encoded by version 1
        EntityState plain = new EntityState(state.modelIds(), state.time(), state.current(), state.baseTime(), state.base(),
                state.baseIsPrior(), state.history());
        byte[] bytes = EntityStateCodec.encode(plain);
        byte[] version1 = java.util.Arrays.copyOf(bytes, bytes.length - 3);   // three empty counts
        version1[1] = 1;
        assertThat(EntityStateCodec.decode(version1)).isEqualTo(plain);
    }

}
