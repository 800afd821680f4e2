package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation.Structure;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate;
import io.bayesfuse.kernels.changepoint.ChangeDecision;
import io.bayesfuse.kernels.changepoint.ChangepointDetector;
import io.bayesfuse.kernels.changepoint.ChangepointState;
import io.bayesfuse.kernels.changepoint.ConstantHazard;
import io.bayesfuse.kernels.changepoint.NormalGamma;
import io.bayesfuse.kernels.changepoint.NormalInverseWishart;
import io.bayesfuse.kernels.changepoint.RunLengthPruning;
import io.bayesfuse.kernels.codec.ChangepointStateCodec;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.OutOfOrderPolicy;
import io.bayesfuse.kernels.entity.Sensor;
import io.bayesfuse.kernels.entity.SmoothingPolicy;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.random.SplitMix64;
import io.bayesfuse.kernels.smoothing.FixedLagSmoother;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per record of the online adaptation kernels, beside the plain Kalman step they add to,
 * measured in the same run. Run with
 * {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="AdaptationBenchmark -f 1 -wi 3 -i 5 -prof gc"}.
 * <ul>
 * <li>{@code kalmanStep}: predict + update of a constant-velocity target in 2-D (n = 4, m = 2);</li>
 * <li>{@code adaptive*Step}: the same step with the variational noise-adaptive update (3 iterations);</li>
 * <li>{@code kalmanStepAndSmooth}: the Kalman step plus appending to the window and the fixed-lag RTS pass;</li>
 * <li>{@code changepoint*}: one observation of a detector whose posterior is at its pruning cap (K = 100);
 * {@code changepointBivariateStoreRoundTrip} adds encoding and decoding its state, as a state store does;</li>
 * <li>{@code trackerStep*}: {@link EntityTracker#process} per record as the stream calls it (no
 * out-of-order history, no codec), plain, and with the sensor's R learned and fixed-lag smoothing (lag 5).</li>
 * </ul>
 * Measurements are the filter's own prediction plus seeded noise, so the innovations are realistic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdaptationBenchmark {

    private static final double DT = 1.0;
    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final int NOISE = 4096;

    /** Seeded standard normal draws, cycled. */
    @State(Scope.Thread)
    public static class Draws {
        final double[] e = new double[NOISE];
        int next;

        @Setup
        public void setUp() {
            SplitMix64 random = new SplitMix64(7);
            for (int i = 0; i < NOISE; i++) {
                e[i] = random.nextGaussian();
            }
        }

        double next() {
            next = (next + 1) & (NOISE - 1);
            return e[next];
        }
    }

    /** A Kalman filter and a measurement buffer. */
    @State(Scope.Thread)
    public static class Tracking {
        final KalmanFilter filter = new KalmanFilter(CV2);
        final DMatrixRMaj z = new DMatrixRMaj(2, 1);
        final DMatrixRMaj R = Matrices.diagonal(4, 4);
        final VariationalNoiseUpdate diagonal = new VariationalNoiseUpdate(new NoiseAdaptation(Structure.DIAGONAL, 0.98, 10, 3));
        final VariationalNoiseUpdate full = new VariationalNoiseUpdate(new NoiseAdaptation(Structure.FULL, 0.98, 10, 3));
        NoisePosterior diagonalNoise;
        NoisePosterior fullNoise;

        @Setup
        public void setUp() {
            filter.initialise(Matrices.column(0, 1, 0, 1), Matrices.diagonal(25, 4, 25, 4), 0);
            diagonalNoise = diagonal.settings().prior(R);
            fullNoise = full.settings().prior(R);
        }

        /** Predicts and fills z with the predicted position plus N(0, 4·I) noise. */
        void predictAndMeasure(Draws draws) {
            filter.predict(DT);
            z.data[0] = filter.mean().data[0] + 2 * draws.next();
            z.data[1] = filter.mean().data[2] + 2 * draws.next();
        }
    }

    @State(Scope.Thread)
    public static class Smoothing {
        @Param({"5", "20"})
        int lag;
        FixedLagSmoother smoother;
        SmootherWindow window = SmootherWindow.EMPTY;
        long time;

        @Setup
        public void setUp() {
            smoother = new FixedLagSmoother(CV2, lag);
        }
    }

    @State(Scope.Thread)
    public static class Changepoints {
        ChangepointDetector univariate;
        ChangepointDetector bivariate;
        ChangepointState univariateState;
        ChangepointState bivariateState;
        long time;

        @Setup
        public void setUp(Draws draws) {
            univariate = new ChangepointDetector(new NormalGamma(0, 0.1, 1, 1), new ConstantHazard(250),
                    RunLengthPruning.DEFAULT, ChangeDecision.DEFAULT);
            bivariate = new ChangepointDetector(NormalInverseWishart.standardNormal(2, 1, 6), new ConstantHazard(250),
                    RunLengthPruning.DEFAULT, ChangeDecision.DEFAULT);
            univariateState = univariate.start();
            bivariateState = bivariate.start();
            for (int i = 0; i < 1000; i++) {   // to the pruning cap
                univariateState = univariate.observe(univariateState, i, new double[]{draws.next()}).state();
                bivariateState = bivariate.observe(bivariateState, i, new double[]{draws.next(), draws.next()}).state();
            }
        }
    }

    /** An entity tracker (no out-of-order history) with a gps sensor, plain or adaptive and smoothed (lag 5). */
    @State(Scope.Thread)
    public static class Trackers {
        EntityTracker plain;
        EntityTracker adaptiveSmoothed;
        TrackingResult plainResult;
        TrackingResult adaptiveResult;
        long time = 1_000_000;

        @Setup
        public void setUp() {
            Gaussian prior = Gaussian.of("prior", new double[]{0, 1, 0, 1},
                    new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});
            double[][] R = {{4, 0}, {0, 4}};
            plain = new EntityTracker(new KalmanFilter(CV2), prior,
                    Map.of("gps", new Sensor("gps", POSITION, R, Gate.NONE, CV2.layout())),
                    OutOfOrderPolicy.NONE, List.of("cv"), 0);
            adaptiveSmoothed = new EntityTracker(new KalmanFilter(CV2), prior,
                    Map.of("gps", new Sensor("gps", POSITION, R, Gate.NONE, new NoiseAdaptation(Structure.DIAGONAL, 0.98, 10, 3), CV2.layout())),
                    OutOfOrderPolicy.NONE, SmoothingPolicy.lag(5), List.of("cv"), 0);
            plainResult = plain.process("e", null, new io.bayesfuse.kernels.entity.Measurement("gps", time, new double[]{0, 0}, null));
            adaptiveResult = adaptiveSmoothed.process("e", null, new io.bayesfuse.kernels.entity.Measurement("gps", time, new double[]{0, 0}, null));
        }

        io.bayesfuse.kernels.entity.Measurement next(TrackingResult last, Draws draws) {
            return new io.bayesfuse.kernels.entity.Measurement("gps", time, new double[]{last.x()[0] + last.x()[1] + 2 * draws.next(),
                    last.x()[2] + last.x()[3] + 2 * draws.next()}, null);
        }
    }

    @Benchmark
    public double trackerStep(Trackers t, Draws draws) {
        t.time += 1000;
        t.plainResult = t.plain.process("e", t.plainResult.state(), t.next(t.plainResult, draws));
        return t.plainResult.nis();
    }

    @Benchmark
    public double trackerStepAdaptiveAndSmoothed(Trackers t, Draws draws) {
        t.time += 1000;
        t.adaptiveResult = t.adaptiveSmoothed.process("e", t.adaptiveResult.state(), t.next(t.adaptiveResult, draws));
        return t.adaptiveResult.nis();
    }

    @Benchmark
    public double kalmanStep(Tracking t, Draws draws) {
        t.predictAndMeasure(draws);
        return t.filter.update(POSITION, t.z, t.R, Gate.NONE).nis();
    }

    @Benchmark
    public double adaptiveDiagonalStep(Tracking t, Draws draws) {
        t.predictAndMeasure(draws);
        var update = t.diagonal.update(t.filter, POSITION, t.z, t.diagonalNoise, Gate.NONE);
        t.diagonalNoise = update.posterior();
        return update.nis();
    }

    @Benchmark
    public double adaptiveFullStep(Tracking t, Draws draws) {
        t.predictAndMeasure(draws);
        var update = t.full.update(t.filter, POSITION, t.z, t.fullNoise, Gate.NONE);
        t.fullNoise = update.posterior();
        return update.nis();
    }

    @Benchmark
    public SmoothedEstimate kalmanStepAndSmooth(Tracking t, Smoothing s, Draws draws) {
        t.predictAndMeasure(draws);
        t.filter.update(POSITION, t.z, t.R, Gate.NONE);
        s.time += 1000;
        s.window = s.smoother.append(s.window, s.time, t.filter.mean(), t.filter.covariance());
        return s.smoother.smooth(s.window);
    }

    @Benchmark
    public double changepointUnivariate(Changepoints c, Draws draws) {
        var update = c.univariate.observe(c.univariateState, ++c.time, new double[]{draws.next()});
        c.univariateState = update.state();
        return update.recentChangeProbability();
    }

    @Benchmark
    public double changepointBivariate(Changepoints c, Draws draws) {
        var update = c.bivariate.observe(c.bivariateState, ++c.time, new double[]{draws.next(), draws.next()});
        c.bivariateState = update.state();
        return update.recentChangeProbability();
    }

    @Benchmark
    public double changepointBivariateStoreRoundTrip(Changepoints c, Draws draws) {
        ChangepointState stored = ChangepointStateCodec.decode(ChangepointStateCodec.encode(c.bivariateState));
        var update = c.bivariate.observe(stored, ++c.time, new double[]{draws.next(), draws.next()});
        c.bivariateState = update.state();
        return update.recentChangeProbability();
    }
}
