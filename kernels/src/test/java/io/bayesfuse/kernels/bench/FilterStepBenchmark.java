package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per predict + update for the per-record filter step, beside a plain double[]
 * baseline of the same Kalman step measured in the same run. Run with
 * {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="FilterStepBenchmark -f 1 -wi 3 -i 5 -prof gc"};
 * {@code -prof gc} reports the bytes allocated per step (gc.alloc.rate.norm), which for the
 * Kalman family should be 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterStepBenchmark {

    private static final double DT = 0.1;

    /** A filter, its sensor and a fixed measurement. */
    @State(Scope.Thread)
    public abstract static class FilterSetup {
        RecursiveFilter filter;
        MeasurementModel h;
        DMatrixRMaj z;
        DMatrixRMaj R;

        void start(RecursiveFilter filter, MeasurementModel h, double[] z, double[][] R) {
            this.filter = filter;
            this.h = h;
            this.z = Matrices.column(z);
            this.R = Matrices.of(R);
            int n = filter.layout().size();
            DMatrixRMaj P0 = new DMatrixRMaj(n, n);
            for (int i = 0; i < n; i++) {
                P0.set(i, i, 10);
            }
            filter.initialise(new DMatrixRMaj(n, 1), P0, 1);
        }

        double step() {
            filter.predict(DT);
            return filter.update(h, z, R, Gate.NONE).nis();
        }
    }

    static MotionModel cv2() {
        return KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    }

    static MotionModel ca3() {
        return KinematicModel.constantAcceleration(3, new ContinuousWhiteNoise(0.5));
    }

    public static class KfN4M2 extends FilterSetup {
        @Setup
        public void setUp() {
            start(new KalmanFilter(cv2()), new PositionMeasurement(2), new double[]{1, 2}, new double[][]{{4, 0}, {0, 4}});
        }
    }

    public static class KfN9M3 extends FilterSetup {
        @Setup
        public void setUp() {
            start(new KalmanFilter(ca3()), new PositionMeasurement(3), new double[]{1, 2, 3},
                    new double[][]{{4, 0, 0}, {0, 4, 0}, {0, 0, 4}});
        }
    }

    public static class EkfRangeBearing extends FilterSetup {
        @Setup
        public void setUp() {
            start(new ExtendedKalmanFilter(cv2()), new RangeBearingMeasurement(-200, -150), new double[]{250, 0.64},
                    new double[][]{{1, 0}, {0, 1e-4}});
        }
    }

    public static class UkfRangeBearing extends FilterSetup {
        @Setup
        public void setUp() {
            start(new UnscentedKalmanFilter(cv2(), 0.5, 2, 0), new RangeBearingMeasurement(-200, -150), new double[]{250, 0.64},
                    new double[][]{{1, 0}, {0, 1e-4}});
        }
    }

    public static class Particles1000 extends FilterSetup {
        @Setup
        public void setUp() {
            start(new ParticleFilter(cv2(), 1000, 0.5), new PositionMeasurement(2), new double[]{1, 2},
                    new double[][]{{4, 0}, {0, 4}});
        }
    }

    @State(Scope.Thread)
    public static class BaselineN4M2 {
        final PlainArrayKalman kf = new PlainArrayKalman(2, 1, 0.5, 4);
        final double[] z = {1, 2};
    }

    @State(Scope.Thread)
    public static class BaselineN9M3 {
        final PlainArrayKalman kf = new PlainArrayKalman(3, 2, 0.5, 4);
        final double[] z = {1, 2, 3};
    }

    @Benchmark
    public double kalmanN4M2(KfN4M2 s) {
        return s.step();
    }

    @Benchmark
    public double baselinePlainArrayN4M2(BaselineN4M2 s) {
        return s.kf.step(DT, s.z);
    }

    @Benchmark
    public double kalmanN9M3(KfN9M3 s) {
        return s.step();
    }

    @Benchmark
    public double baselinePlainArrayN9M3(BaselineN9M3 s) {
        return s.kf.step(DT, s.z);
    }

    @Benchmark
    public double extendedRangeBearing(EkfRangeBearing s) {
        return s.step();
    }

    @Benchmark
    public double unscentedRangeBearing(UkfRangeBearing s) {
        return s.step();
    }

    @Benchmark
    public double particleN1000(Particles1000 s) {
        return s.step();
    }
}
