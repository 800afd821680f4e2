package io.bayesfuse.kernels.bench;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.montecarlo.DcFusionOptions;
import io.bayesfuse.kernels.fusion.montecarlo.DcFusionRule;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * dc-fusion of K sub-posteriors of dimension 2 (each a broad two-component mixture) into N = 4,000
 * draws: {@code fuseAll} fuses the whole tree from nothing; {@code oneSourceUpdate} gives one source
 * a new version and fuses again, reusing every node off that source's path (the stream's case).
 *
 * <p>Run: {@code ./mvnw -pl kernels -am -Pjmh verify -Djmh.args="DcFusionBenchmark -f 1 -wi 1 -i 3"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class DcFusionBenchmark {

    @Param({"8", "64"})
    int K;

    private List<SourcePosterior> sources;
    private RuleHarness warm;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        Random random = new Random(1);
        sources = new ArrayList<>();
        for (int k = 0; k < K; k++) {
            sources.add(mixture(random));
        }
        warm = RuleHarness.of(new DcFusionRule(DcFusionOptions.of(4000, 1)));
        for (int k = 0; k < K; k++) {
            warm.put("source-" + k, sources.get(k));
        }
        warm.result();
    }

    static SourcePosterior.Mixture mixture(Random random) {
        List<SourcePosterior.Component> components = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            double a = 1.5 + random.nextDouble();
            double b = 1.5 + random.nextDouble();
            double r = 0.3 * (random.nextDouble() - 0.5);
            components.add(new SourcePosterior.Component(0.3 + random.nextDouble(),
                    new double[]{random.nextGaussian(), random.nextGaussian()}, new double[][]{{a, r}, {r, b}}));
        }
        return new SourcePosterior.Mixture(components);
    }

    @Benchmark
    public Object fuseAll() {
        RuleHarness rule = RuleHarness.of(new DcFusionRule(DcFusionOptions.of(4000, 1)));
        for (int k = 0; k < K; k++) {
            rule.put("source-" + k, sources.get(k));
        }
        return rule.result();
    }

    @Benchmark
    public Object oneSourceUpdate() {
        warm.put("source-" + (next++ % K), mixture(new Random(1000 + next)));
        return warm.result();
    }
}
