package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.linalg.EjmlInformationSolver;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.LapackInformationSolver;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Dense fusion at d = 256: one product update (convert a source's covariance to Λ, η; update the
 * sums) and the fused posterior (Cholesky solve), on the LAPACK path (OpenBLAS's LAPACK as shipped
 * with nd4j-native) against the small-matrix EJML path; plus the bare solves, and ND4J's own
 * {@code lapack().potrf} wrapper to show why it is not used.
 *
 * <p>Run: {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="DenseFusionBenchmark -f 1 -wi 3 -i 5 -prof gc"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DenseFusionBenchmark {

    private static final int D = 256;

    /** "lapack": from d = 64 on (the default); "ejml": never. */
    @Param({"lapack", "ejml"})
    String path;

    private RuleHarness rule;
    private SourcePosterior[] replacements;
    private InformationSolver solver;
    private double[] Lambda;
    private double[] eta;
    private double[] x;
    private double[] P;
    private int next;

    private INDArray nd4jMatrix;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        int lapackFrom = path.equals("lapack") ? InformationSolver.LAPACK_FROM_DIMENSION : Integer.MAX_VALUE;
        double[][] P0 = new double[D][D];
        for (int i = 0; i < D; i++) {
            P0[i][i] = 100;
        }
        rule = RuleHarness.of(new ProductRule(InformationContribution.fromCovariance("prior", new double[D], P0, 0), lapackFrom));
        replacements = new SourcePosterior[4];
        for (int i = 0; i < replacements.length; i++) {
            replacements[i] = new SourcePosterior.Covariance(FusionTestData.randomVector(random, D, 1),
                    FusionTestData.randomSpd(random, D, 0.05, 0.2));
            rule.put("source-" + i, replacements[i]);
        }
        solver = path.equals("lapack") ? new LapackInformationSolver(D) : new EjmlInformationSolver(D);
        double[][] rows = FusionTestData.randomSpd(random, D, 1, 0.5);
        Lambda = new double[D * D];
        for (int i = 0; i < D; i++) {
            System.arraycopy(rows[i], 0, Lambda, i * D, D);
        }
        eta = FusionTestData.randomVector(random, D, 1);
        x = new double[D];
        P = new double[D * D];
    }

    @Setup(Level.Iteration)
    public void nd4j() {
        if (nd4jMatrix == null) {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            nd4jMatrix = Nd4j.create(DataType.DOUBLE, new long[]{D, D}, 'f');
        }
    }

    @Benchmark
    public FusionResult replaceOneSourceAndFuse() {
        int i = next++ & 3;
        rule.put("source-" + i, replacements[(i + 1) & 3]);
        return rule.result();
    }

    @Benchmark
    public double[] solveOnly() {
        solver.solve(Lambda, eta, x, P);
        return P;
    }

    /** ND4J 1.0.0-M2.1's potrf wrapper (factorisation only, no solve): see NativeLapack for why it is not used. */
    @Benchmark
    public INDArray nd4jWrapperPotrfOnly() {
        nd4jMatrix.data().setData(Lambda);
        Nd4j.getBlasWrapper().lapack().potrf(nd4jMatrix, true);
        return nd4jMatrix;
    }
}
