package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.learning.algebra.DensePrecision;
import io.bayesfuse.kernels.learning.algebra.Nd4jPrecision;
import io.bayesfuse.kernels.learning.algebra.SmallMatrixPrecision;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One mini-batch of a dense learner, as {@code DenseLearner} does it for the conjugate model: load
 * the stored precision Λ (packed), Λ ← Λ + ZᵀZ for a batch of 256 feature rows, factorise the
 * posterior (Cholesky), its mean Λ⁻¹η, and store Λ back, at d = 16 … 4096, on the ND4J path
 * against the small-matrix path. The crossover {@link DensePrecision#DEFAULT_ND4J_FROM_DIMENSION}
 * is read off this table (docs/learning.md).
 *
 * <p>Run (short; the small-matrix path at d = 4096 takes seconds per call):
 * {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="LearnerBlockUpdateBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=3G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=7G"})
public class LearnerBlockUpdateBenchmark {

    private static final int BATCH = 256;

    @Param({"16", "32", "64", "256", "1024", "4096"})
    int d;

    @Param({"nd4j", "small"})
    String path;

    private DensePrecision lambda;
    private double[] packed;
    private double[] updated;
    private double[] Z;
    private double[] eta;
    private double[] mean;

    @Setup
    public void setUp() {
        Random random = new Random(d);
        lambda = path.equals("nd4j") ? new Nd4jPrecision(d) : new SmallMatrixPrecision(d);
        packed = new double[DensePrecision.packedLength(d)];
        for (int j = 0; j < d; j++) {
            packed[j * d - j * (j - 1) / 2] = 1.0;   // the prior Λ₀ = I
        }
        updated = new double[packed.length];
        Z = new double[BATCH * d];
        for (int i = 0; i < Z.length; i++) {
            Z[i] = random.nextGaussian();
        }
        eta = new double[d];
        for (int j = 0; j < d; j++) {
            eta[j] = random.nextGaussian();
        }
        mean = new double[d];
    }

    @Benchmark
    public double blockUpdateAndPosterior() {
        lambda.setPacked(packed);
        lambda.addGram(Z, BATCH);
        if (!lambda.factor()) {
            throw new IllegalStateException("the benchmark's precision is not positive definite");
        }
        lambda.solve(eta, mean);
        // stored aside: the loaded state stays the prior, so every call does the same work
        lambda.getPacked(updated);
        return mean[0] + updated[0];
    }

    @TearDown
    public void tearDown() {
        lambda.close();
    }
}
