package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.codec.EntityStateCodec;
import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.filter.InteractingMultipleModel;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EntityTrackerTest {

    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final Gaussian PRIOR = Gaussian.of("prior", new double[]{0, 1, 0, 1},
            new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});

    private static EntityTracker tracker(RecursiveFilter filter, MotionModel model, OutOfOrderPolicy policy) {
        Map<String, Sensor> sensors = Map.of(
                "gps", new Sensor("gps", new PositionMeasurement(2), new double[][]{{4, 0}, {0, 4}}, new ChiSquareGate(0.999), model.layout()),
                "tag", new Sensor("tag", new PositionMeasurement(2), new double[][]{{1, 0}, {0, 1}}, Gate.NONE, model.layout()));
        return new EntityTracker(filter, PRIOR, sensors, policy, List.of("cv"), 17);
    }

    private static EntityTracker kalman(OutOfOrderPolicy policy) {
        return tracker(new KalmanFilter(CV2), CV2, policy);
    }

    private static List<Measurement> track(int count, long seed) {
        Random random = new Random(seed);
        List<Measurement> list = new ArrayList<>();
        long t = 1_000_000;
        for (int k = 0; k < count; k++) {
            t += 50 + random.nextInt(150);
            String sensor = random.nextBoolean() ? "gps" : "tag";
            list.add(new Measurement(sensor, t, new double[]{0.1 * k + random.nextGaussian(), 0.1 * k + random.nextGaussian()}, null));
        }
        return list;
    }

    /** Processes in the given order through an encoded store, as the stream does; returns every result. */
    private static List<TrackingResult> run(EntityTracker tracker, List<Measurement> measurements) {
        Map<String, byte[]> store = new HashMap<>();
        List<TrackingResult> results = new ArrayList<>();
        for (Measurement m : measurements) {
            byte[] bytes = store.get("t1");
            TrackingResult result = tracker.process("t1", bytes == null ? null : EntityStateCodec.decode(bytes), m);
            store.put("t1", EntityStateCodec.encode(result.state()));
            results.add(result);
        }
        return results;
    }

    private static TrackingResult last(List<TrackingResult> results) {
        return results.get(results.size() - 1);
    }

    @Test
    void theFirstMeasurementIsAppliedToThePriorWithoutPrediction() {
        TrackingResult result = kalman(OutOfOrderPolicy.NONE).process("t1", null,
                new Measurement("tag", 5000, new double[]{2, -2}, null));
        assertThat(result.status()).isEqualTo(EntityStatus.UPDATED);
        // position: (25·2 + 1·0)/(25 + 1), variance 25/26; velocity untouched
        assertThat(result.x()).containsExactly(new double[]{50.0 / 26, 1, -50.0 / 26, 1}, within(1e-12));
        assertThat(result.P()[0][0]).isCloseTo(25.0 / 26, within(1e-12));
        assertThat(result.state().time()).isEqualTo(5000);
    }

    @Test
    void aRejectedMeasurementLeavesThePredictionToItsTime() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        TrackingResult first = tracker.process("t1", null, new Measurement("tag", 1000, new double[]{0, 0}, null));
        TrackingResult outlier = tracker.process("t1", first.state(), new Measurement("gps", 3000, new double[]{900, 900}, null));
        assertThat(outlier.status()).isEqualTo(EntityStatus.REJECTED);
        assertThat(outlier.nis()).isGreaterThan(new ChiSquareGate(0.999).threshold(2));
        assertThat(outlier.state().time()).isEqualTo(3000);
        // the prediction: position + 2 s of velocity
        assertThat(outlier.x()[0]).isCloseTo(first.x()[0] + 2 * first.x()[1], within(1e-12));
    }

    @Test
    void lateMeasurementsWithinTheWindowEndInTheInOrderState() {
        List<Measurement> inOrder = track(60, 4);
        List<Measurement> shuffled = new ArrayList<>(inOrder);
        Random random = new Random(8);
        for (int i = 1; i < shuffled.size(); i++) {   // swap neighbours now and then: late by < 2 s
            if (random.nextInt(3) == 0) {
                Collections.swap(shuffled, i - 1, i);
            }
        }
        List<TrackingResult> ordered = run(kalman(OutOfOrderPolicy.window(2000)), inOrder);
        List<TrackingResult> late = run(kalman(OutOfOrderPolicy.window(2000)), shuffled);
        assertThat(late).extracting(TrackingResult::status).contains(EntityStatus.REVISED);
        assertThat(last(late).x()).containsExactly(last(ordered).x());
        assertThat(last(late).P()).isDeepEqualTo(last(ordered).P());
    }

    @Test
    void aMeasurementOlderThanTheFirstRestartsFromThePriorAtItsTime() {
        List<Measurement> inOrder = track(5, 9);
        List<Measurement> earliestLast = new ArrayList<>(inOrder.subList(1, 5));
        earliestLast.add(inOrder.get(0));
        TrackingResult revised = last(run(kalman(OutOfOrderPolicy.window(2000)), earliestLast));
        assertThat(revised.status()).isEqualTo(EntityStatus.REVISED);
        assertThat(revised.x()).containsExactly(last(run(kalman(OutOfOrderPolicy.window(2000)), inOrder)).x());
        assertThat(revised.state().baseTime()).isEqualTo(inOrder.get(0).timestamp());
    }

    @Test
    void aMeasurementOlderThanTheWindowIsTooLateAndChangesNothing() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.window(2000));
        List<TrackingResult> results = run(tracker, track(30, 2));
        EntityState state = last(results).state();
        TrackingResult late = tracker.process("t1", state, new Measurement("tag", state.time() - 2001, new double[]{0, 0}, null));
        assertThat(late.status()).isEqualTo(EntityStatus.TOO_LATE);
        assertThat(late.state()).isSameAs(state);
        assertThat(late.x()).containsExactly(last(results).x());
        assertThat(late.detail()).contains("more than 2000 ms older");
    }

    @Test
    void withoutOutOfOrderHandlingEveryLateMeasurementIsTooLate() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        TrackingResult first = tracker.process("t1", null, new Measurement("tag", 1000, new double[]{0, 0}, null));
        assertThat(first.state().history()).isEmpty();
        assertThat(first.state().base()).isNull();
        TrackingResult late = tracker.process("t1", first.state(), new Measurement("tag", 999, new double[]{0, 0}, null));
        assertThat(late.status()).isEqualTo(EntityStatus.TOO_LATE);
        TrackingResult same = tracker.process("t1", first.state(), new Measurement("tag", 1000, new double[]{0, 0}, null));
        assertThat(same.status()).isEqualTo(EntityStatus.UPDATED);
    }

    @Test
    void measurementsLeavingTheWindowAreFoldedWithoutChangingTheEstimates() {
        List<Measurement> measurements = track(80, 5);
        List<TrackingResult> without = run(kalman(OutOfOrderPolicy.NONE), measurements);
        List<TrackingResult> with = run(kalman(new OutOfOrderPolicy(1000, 4)), measurements);
        for (int i = 0; i < measurements.size(); i++) {
            assertThat(with.get(i).x()).containsExactly(without.get(i).x());
        }
        EntityState state = last(with).state();
        assertThat(state.history()).hasSizeLessThanOrEqualTo(4);
        assertThat(state.baseIsPrior()).isFalse();
        assertThat(state.history().get(0).timestamp()).isGreaterThanOrEqualTo(state.baseTime());
    }

    @Test
    void aLateMeasurementBeyondTheRetainedCapIsTooLate() {
        EntityTracker tracker = kalman(new OutOfOrderPolicy(60_000, 3));
        List<TrackingResult> results = run(tracker, track(10, 6));
        EntityState state = last(results).state();
        TrackingResult late = tracker.process("t1", state, new Measurement("tag", state.baseTime() - 1, new double[]{0, 0}, null));
        assertThat(late.status()).isEqualTo(EntityStatus.TOO_LATE);
        assertThat(late.detail()).contains("older than the retained history");
    }

    /** The filters that draw random numbers or mix modes replay bit for bit too. */
    @Test
    void particleAndImmEntitiesAlsoEndInTheInOrderState() {
        MotionModel ca = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(0.5));
        Gaussian prior6 = Gaussian.of("prior", new double[]{0, 1, 0, 0, 1, 0}, new double[][]{
                {25, 0, 0, 0, 0, 0}, {0, 4, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0},
                {0, 0, 0, 25, 0, 0}, {0, 0, 0, 0, 4, 0}, {0, 0, 0, 0, 0, 1}});
        List<Function<Void, EntityTracker>> factories = List.of(
                v -> tracker(new ParticleFilter(CV2, 300, 0.5), CV2, OutOfOrderPolicy.window(2000)),
                v -> new EntityTracker(new InteractingMultipleModel(new GaussianFilter[]{new KalmanFilter(CV2), new KalmanFilter(ca)},
                        new double[][]{{0.9, 0.1}, {0.1, 0.9}}, new double[]{0.5, 0.5}), prior6,
                        Map.of("gps", new Sensor("gps", new PositionMeasurement(2), new double[][]{{4, 0}, {0, 4}}, Gate.NONE, ca.layout()),
                                "tag", new Sensor("tag", new PositionMeasurement(2), new double[][]{{1, 0}, {0, 1}}, Gate.NONE, ca.layout())),
                        OutOfOrderPolicy.window(2000), List.of("cv", "ca"), 3));
        List<Measurement> inOrder = track(25, 12);
        List<Measurement> shuffled = new ArrayList<>(inOrder);
        Collections.swap(shuffled, 10, 11);
        Collections.swap(shuffled, 20, 22);
        for (Function<Void, EntityTracker> factory : factories) {
            TrackingResult a = last(run(factory.apply(null), inOrder));
            TrackingResult b = last(run(factory.apply(null), shuffled));
            assertThat(b.x()).containsExactly(a.x());
            assertThat(b.P()).isDeepEqualTo(a.P());
        }
        shuffled.sort(Comparator.comparingLong(Measurement::timestamp));
        assertThat(shuffled).isEqualTo(inOrder);
    }

    @Test
    void aDivergedStoredStateRestartsFromThePrior() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        EntityState broken = new EntityState(List.of("cv"), 1000,
                new GaussianState(new double[]{Double.NaN, 0, 0, 0}, Matrices.of(PRIOR.covariance()).data), 1000, null, true, List.of());
        TrackingResult result = tracker.process("t1", broken, new Measurement("tag", 2000, new double[]{2, -2}, null));
        assertThat(result.status()).isEqualTo(EntityStatus.RESET);
        assertThat(result.detail()).contains("diverged");
        assertThat(result.x()).containsExactly(new double[]{50.0 / 26, 1, -50.0 / 26, 1}, within(1e-12));
    }

    @Test
    void aStateBuiltWithOtherMotionModelsRestartsFromThePrior() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        TrackingResult first = tracker.process("t1", null, new Measurement("tag", 1000, new double[]{7, 7}, null));
        EntityState foreign = new EntityState(List.of("ca"), first.state().time(), first.state().current(), 0, null, true, List.of());
        TrackingResult result = tracker.process("t1", foreign, new Measurement("tag", 2000, new double[]{2, -2}, null));
        assertThat(result.status()).isEqualTo(EntityStatus.RESET);
        assertThat(result.detail()).contains("[ca]").contains("[cv]");
    }

    @Test
    void invalidMeasurementsAreRefusedWithTheFieldAndProblemNamed() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        assertThatThrownBy(() -> tracker.process("t1", null, new Measurement("lidar", 1, new double[]{1, 2}, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("measurement: sensorId 'lidar' is not a configured sensor (configured: [gps, tag])");
        assertThatThrownBy(() -> tracker.process("t1", null, new Measurement("gps", 1, new double[]{1, 2, 3}, null)))
                .hasMessage("sensor 'gps': z has 3 components but its position of 2 axes measures 2")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(InvalidInputException.Problem.WRONG_DIMENSION);
        assertThatThrownBy(() -> tracker.process("t1", null, new Measurement("gps", 1, new double[]{1, Double.NaN}, null)))
                .hasMessage("sensor 'gps': z has a non-finite value (NaN) at index 1");
        assertThatThrownBy(() -> tracker.process("t1", null, new Measurement("gps", 1, new double[]{1, 2}, new double[][]{{1, 2}, {2, 1}})))
                .hasMessage("sensor 'gps': R is not positive definite")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(InvalidInputException.Problem.NOT_POSITIVE_DEFINITE);
        assertThatThrownBy(() -> tracker.process("t1", null, new Measurement("gps", 1, new double[]{1, 2}, new double[][]{{1}})))
                .hasMessage("sensor 'gps': R override has 1 rows but the measurement has 2 components");
    }

    @Test
    void aPerMeasurementRReplacesTheSensors() {
        EntityTracker tracker = kalman(OutOfOrderPolicy.NONE);
        TrackingResult result = tracker.process("t1", null, new Measurement("gps", 1, new double[]{2, -2}, new double[][]{{25, 0}, {0, 25}}));
        assertThat(result.x()[0]).isCloseTo(1.0, within(1e-12));   // equal weights 25 and 25
    }
}
