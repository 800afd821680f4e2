package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Fisher merging of 8 sources of d = 1,000,000 parameters (θ and F: 128 MB of input), against a
 * plain {@code System.arraycopy} of the same 128 MB in the same run, to see how close the merge
 * runs to memory bandwidth:
 * <ul>
 *   <li>{@code copySameBytes}: the bandwidth reference</li>
 *   <li>{@code mergeStoredSources}: the rule's blocked recomputation of the sums from its 8 stored
 *       sources plus the merged θ and fused F (what a full merge costs)</li>
 *   <li>{@code mergeFromScratch}: a new rule given all 8 posteriors ({@code putAll}: validation,
 *       defensive copies, blocked sums) plus the result</li>
 *   <li>{@code replaceOneSource}: one incremental update (validate, copy, subtract, add)</li>
 *   <li>{@code plainLoop}: the bare Σ Fθ / Σ F as one fused Java loop, no compensation, no checks</li>
 *   <li>{@code nd4jOps}: the same with ND4J elementwise ops on data already in ND4J buffers</li>
 * </ul>
 *
 * <p>Run: {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="FisherMergeBenchmark -f 1 -wi 3 -i 5 -prof gc"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class FisherMergeBenchmark {

    private static final int D = 1_000_000;
    private static final int K = 8;

    private double[][] theta;
    private double[][] F;
    private Map<String, SourcePosterior> posteriors;
    private FisherRule fisher;
    private RuleHarness rule;
    private SourcePosterior replacement;
    private double[] copySource;
    private double[] copyTarget;
    private double[] num;
    private double[] den;
    private double[] merged;

    private INDArray[] thetaNd;
    private INDArray[] fNd;
    private INDArray numNd;
    private INDArray denNd;
    private INDArray tmpNd;
    private INDArray mergedNd;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        theta = new double[K][D];
        F = new double[K][D];
        posteriors = new LinkedHashMap<>();
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < D; j++) {
                theta[k][j] = random.nextGaussian();
                F[k][j] = random.nextDouble();
            }
            posteriors.put("worker-" + k, new SourcePosterior.Fisher(theta[k], F[k]));
        }
        fisher = new FisherRule();
        rule = RuleHarness.of(fisher);
        rule.putAll(posteriors);
        replacement = new SourcePosterior.Fisher(theta[0].clone(), F[1].clone());
        copySource = new double[2 * K * D];
        copyTarget = new double[2 * K * D];
        num = new double[D];
        den = new double[D];
        merged = new double[D];

        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        thetaNd = new INDArray[K];
        fNd = new INDArray[K];
        for (int k = 0; k < K; k++) {
            thetaNd[k] = Nd4j.createFromArray(theta[k]);
            fNd[k] = Nd4j.createFromArray(F[k]);
        }
        numNd = Nd4j.zeros(DataType.DOUBLE, D);
        denNd = Nd4j.zeros(DataType.DOUBLE, D);
        tmpNd = Nd4j.zeros(DataType.DOUBLE, D);
        mergedNd = Nd4j.zeros(DataType.DOUBLE, D);
    }

    @Benchmark
    public double[] copySameBytes() {
        System.arraycopy(copySource, 0, copyTarget, 0, copySource.length);
        return copyTarget;
    }

    @Benchmark
    public FusionResult mergeStoredSources() {
        fisher.recompute(rule.fusion());
        return rule.result();
    }

    @Benchmark
    public FusionResult mergeFromScratch() {
        FisherRule merge = new FisherRule();
        RuleHarness fresh = RuleHarness.of(merge);
        fresh.putAll(posteriors);
        merge.recompute(fresh.fusion());
        return fresh.result();
    }

    @Benchmark
    public RuleHarness replaceOneSource() {
        rule.put("worker-3", replacement);
        return rule;
    }

    @Benchmark
    public double[] plainLoop() {
        java.util.Arrays.fill(num, 0);
        java.util.Arrays.fill(den, 0);
        for (int k = 0; k < K; k++) {
            double[] t = theta[k];
            double[] f = F[k];
            for (int j = 0; j < D; j++) {
                den[j] += f[j];
                num[j] += f[j] * t[j];
            }
        }
        for (int j = 0; j < D; j++) {
            merged[j] = num[j] / den[j];
        }
        return merged;
    }

    @Benchmark
    public INDArray nd4jOps() {
        numNd.assign(0);
        denNd.assign(0);
        for (int k = 0; k < K; k++) {
            denNd.addi(fNd[k]);
            tmpNd.assign(fNd[k]).muli(thetaNd[k]);
            numNd.addi(tmpNd);
        }
        return mergedNd.assign(numNd).divi(denNd);
    }
}
