package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fisher merging of a model with a million parameters through the stream: each worker's θ and
 * diagonal Fisher arrive as one Avro record of 16 MB; the stored state (every worker's arrays and
 * the running sums) is 80 MB by the end. The fused posterior equals the kernels' Fisher rule fed
 * the same updates, entry by entry, bit for bit.
 */
class LargeModelFusionTest {

    private static final Logger log = LoggerFactory.getLogger(LargeModelFusionTest.class);
    private static final int D = 1_000_000;

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static double[][] worker(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        double[] theta = new double[D];
        double[] F = new double[D];
        for (int j = 0; j < D; j++) {
            theta[j] = random.nextGaussian();
            F[j] = random.nextDouble() < 0.1 ? 0.0 : Math.exp(4 * random.nextDouble() - 2);
        }
        return new double[][]{theta, F};
    }

    @Test
    void aFisherMergeOfAMillionParameterModelMatchesTheKernels() {
        double[][] w0 = worker(1);
        double[][] w1 = worker(2);
        double[][] w2 = worker(3);
        double[][] w1Newer = worker(4);
        VersionedFusion direct = new VersionedFusion(new FisherRule());
        direct.update("worker-0", 1, new SourcePosterior.Fisher(w0[0], w0[1]));
        direct.update("worker-1", 1, new SourcePosterior.Fisher(w1[0], w1[1]));
        direct.update("worker-2", 1, new SourcePosterior.Fisher(w2[0], w2[1]));
        direct.update("worker-1", 2, new SourcePosterior.Fisher(w1Newer[0], w1Newer[1]));
        FusionResult.FisherPosterior expected = (FusionResult.FisherPosterior) direct.result();

        long start = System.nanoTime();
        List<FusedPosterior> out;
        // a 16 MB fused posterior: the producer must be allowed to send it (else it is dead-lettered PRODUCTION_ERROR)
        try (StageDriver d = new StageDriver(ConfigLoader.parse("fusion: {method: fisher}", "test"), registry.url(), stateDir,
                Map.of(org.apache.kafka.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG, org.apache.kafka.streams.StreamsConfig.EXACTLY_ONCE_V2,
                        "producer.max.request.size", 100_000_000))) {
            FusionStageBehaviourTest.send(d, FusionAssertions.fisher("model", "worker-0", 1, w0[0], w0[1]), 1_000);
            FusionStageBehaviourTest.send(d, FusionAssertions.fisher("model", "worker-1", 1, w1[0], w1[1]), 1_100);
            FusionStageBehaviourTest.send(d, FusionAssertions.fisher("model", "worker-2", 1, w2[0], w2[1]), 1_200);
            FusionStageBehaviourTest.send(d, FusionAssertions.fisher("model", "worker-1", 2, w1Newer[0], w1Newer[1]), 1_300);
            out = d.fused.readValuesToList();
            assertThat(d.deadLetters.readValuesToList()).isEmpty();
        }
        log.info("4 updates of a {}-parameter model fused through the topology in {} ms", D, (System.nanoTime() - start) / 1_000_000);

        assertThat(out).hasSize(4);
        FusedPosterior last = out.get(3);
        assertThat(last.getSources()).isEqualTo(Map.of("worker-0", 1L, "worker-1", 2L, "worker-2", 1L));
        double[] theta = FusionAssertions.mean(last);
        double[] fisher = FusionAssertions.fisherDiagonal(last);
        assertThat(theta).hasSize(D);
        for (int j = 0; j < D; j++) {
            if (theta[j] != expected.mean()[j] || fisher[j] != expected.fisherDiagonal()[j]) {
                throw new AssertionError("entry " + j + ": θ " + theta[j] + " vs " + expected.mean()[j] + ", F "
                        + fisher[j] + " vs " + expected.fisherDiagonal()[j]);
            }
        }
    }
}
