package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One incremental product update (a source replaces its posterior by a newer one: validate and
 * convert its covariance, subtract the old and add the new contribution to the running sums) and
 * the fused posterior after it (one Cholesky solve), with K = 10 and K = 1000 sources of
 * dimension 16. The two should cost the same: nothing on this path depends on K (the exact
 * recomputation every max(K, 1024) subtractions is amortised into the average).
 *
 * <p>Run: {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="ProductUpdateBenchmark -f 1 -wi 3 -i 5 -prof gc"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProductUpdateBenchmark {

    private static final int D = 16;

    @Param({"10", "1000"})
    int K;

    private RuleHarness rule;
    private SourcePosterior[] replacements;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        double[][] P0 = new double[D][D];
        for (int i = 0; i < D; i++) {
            P0[i][i] = 100;
        }
        rule = RuleHarness.of(new ProductRule(InformationContribution.fromCovariance("prior", new double[D], P0, 0)));
        for (int k = 0; k < K; k++) {
            rule.put("source-" + k, posterior(random));
        }
        replacements = new SourcePosterior[64];
        for (int i = 0; i < replacements.length; i++) {
            replacements[i] = posterior(random);
        }
    }

    private static SourcePosterior posterior(Random random) {
        return new SourcePosterior.Covariance(FusionTestData.randomVector(random, D, 1),
                FusionTestData.randomSpd(random, D, 0.5, 1.0));
    }

    @Benchmark
    public FusionResult replaceOneSourceAndFuse() {
        int i = next++ & 63;
        rule.put("source-" + (i % K), replacements[i]);
        return rule.result();
    }

    @Benchmark
    public RuleHarness replaceOneSource() {
        int i = next++ & 63;
        rule.put("source-" + (i % K), replacements[i]);
        return rule;
    }
}
