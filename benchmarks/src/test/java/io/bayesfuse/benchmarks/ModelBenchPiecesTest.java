package io.bayesfuse.benchmarks;

import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.state.SourceSetDigest;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the sources sweep and of the model-size benchmark, without a broker. */
class ModelBenchPiecesTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void syntheticChunksLieExactlyAsPosteriorChunksCutsTheWholeModel() {
        SyntheticFisherModel model = new SyntheticFisherModel("m", 1_000, 300, 7);
        double[] theta = new double[1_000];
        double[] fisher = new double[1_000];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = model.theta(2, 3, j);
            fisher[j] = model.fisher(2, 3, j);
        }
        PosteriorChunks whole = PosteriorChunks.fisher("m", SyntheticFisherModel.sourceId(2), 3, T, theta, fisher, 300);
        assertThat(model.chunkCount()).isEqualTo(whole.count()).isEqualTo(4);
        for (int i = 0; i < whole.count(); i++) {
            assertThat(model.chunk(2, 3, i, T)).as("chunk " + i).isEqualTo(whole.chunk(i));
        }
        assertThat(model.chunkLength(3)).isEqualTo(100);
        assertThat(model.thetaSlice(2, 3, 3)).containsExactly(Arrays.copyOfRange(theta, 900, 1_000));
    }

    @Test
    void syntheticValuesAreASeededFunctionOfSourceVersionAndIndexWithinTheirRanges() {
        SyntheticFisherModel model = new SyntheticFisherModel("m", 10_000, 16_384, 7);
        assertThat(model.theta(0, 1, 5)).isEqualTo(new SyntheticFisherModel("m", 10_000, 16_384, 7).theta(0, 1, 5));
        assertThat(model.theta(0, 1, 5)).isNotEqualTo(new SyntheticFisherModel("m", 10_000, 16_384, 8).theta(0, 1, 5));
        Set<Double> distinct = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            for (int v = 1; v <= 2; v++) {
                for (int j = 0; j < 1_000; j++) {
                    double theta = model.theta(s, v, j);
                    double fisher = model.fisher(s, v, j);
                    assertThat(theta).isBetween(-1.0, 1.0);
                    assertThat(fisher).isBetween(0.25, 2.25);
                    distinct.add(theta);
                }
            }
        }
        assertThat(distinct).as("no two (source, version, index) share a value by construction").hasSizeGreaterThan(7_990);
    }

    @Test
    void theSourcesSweepWarmsUpEveryFirstArrivalAndMeasuresOnlyReplacements() {
        PipelineSettings base = new PipelineSettings(50, 10, 1, 3, 100, 4, 1, 1, 1, "exactly_once_v2", null, 0,
                PipelineSettings.ALL_STAGES, Duration.ofSeconds(1));
        PipelineSettings run = SourcesSweep.settings(base, 20);
        assertThat(run.sources()).isEqualTo(20);
        assertThat(run.warmupRecords()).isEqualTo(60);
        assertThat(run.records()).isEqualTo(60);
        assertThat(run.stages()).containsExactly(Stage.BASELINE_POSTERIORS, Stage.FUSION);
        PosteriorWorkload workload = new PosteriorWorkload(run.quantities(), run.sources(), run.dimension());
        Set<String> firstArrivals = new HashSet<>();
        for (long i = 0; i < run.warmupRecords(); i++) {
            PosteriorUpdate u = workload.value(i, 0);
            assertThat(u.getVersion()).isEqualTo(1);
            firstArrivals.add(u.getQuantityId() + "/" + u.getSourceId());
        }
        assertThat(firstArrivals).hasSize(60);
        Set<String> replaced = new HashSet<>();
        for (long i = run.warmupRecords(); i < run.warmupRecords() + run.records(); i++) {
            PosteriorUpdate u = workload.value(i, 0);
            assertThat(u.getVersion()).isGreaterThanOrEqualTo(2);
            replaced.add(u.getQuantityId() + "/" + u.getSourceId());
        }
        assertThat(replaced).isEqualTo(firstArrivals);
        assertThat(SourcesSweep.settings(base, 2).records()).as("at least --records").isEqualTo(50);
    }

    @Test
    void theExpectedDigestIsTheKernelsDigestOfEverySourceAtItsLastVersion() {
        SyntheticFisherModel model = new SyntheticFisherModel("m", 10, 10, 1);
        VersionedFusion fusion = new VersionedFusion(new FisherRule());
        for (int v = 1; v <= 2; v++) {
            for (int s = 0; s < 3; s++) {
                fusion.update(SyntheticFisherModel.sourceId(s), v, new SourcePosterior.Fisher(model.thetaSlice(s, v, 0),
                        model.fisherSlice(s, v, 0)));
            }
        }
        assertThat(FusedChunkCheck.expectedDigest(3, 2)).isEqualTo(SourceSetDigest.hex(fusion.digest()));
        assertThat(FusedChunkCheck.expectedDigest(3, 1)).isNotEqualTo(FusedChunkCheck.expectedDigest(3, 2));
    }

    @Test
    void aFusedChunkEqualToTheKernelsPassesAndOneBitOffFailsNamingTheValue() {
        SyntheticFisherModel model = new SyntheticFisherModel("m", 50, 20, 3);
        VersionedFusion fusion = new VersionedFusion(new FisherRule());
        for (int v = 1; v <= 2; v++) {
            for (int s = 0; s < 3; s++) {
                fusion.update(SyntheticFisherModel.sourceId(s), v, new SourcePosterior.Fisher(model.thetaSlice(s, v, 1),
                        model.fisherSlice(s, v, 1)));
            }
        }
        FusionResult.FisherPosterior expected = (FusionResult.FisherPosterior) fusion.result();
        FusedChunk chunk = fused(1, expected.mean(), expected.fisherDiagonal());
        FusedChunkCheck.checkAgainstKernels("test", chunk, model, 3, 2);

        double[] off = expected.mean().clone();
        off[5] = Math.nextUp(off[5]);
        assertThatThrownBy(() -> FusedChunkCheck.checkAgainstKernels("test", fused(1, off, expected.fisherDiagonal()), model, 3, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk 1, θ[5]");
        assertThatThrownBy(() -> FusedChunkCheck.checkAgainstKernels("test", chunk, model, 3, 1))
                .as("a chunk fused from other versions").isInstanceOf(IllegalStateException.class);
    }

    private static FusedChunk fused(int index, double[] theta, double[] fisher) {
        return FusedChunk.newBuilder().setQuantityId("m").setMethod("fisher").setChunkIndex(index).setChunkCount(3)
                .setOffset(index * 20L).setLength(50).setTimestamp(null).setPosterior(new FisherPosterior(list(theta), list(fisher)))
                .setSources(Map.of()).setSourceCount(3).setSourcesDigest("x").setUpdatedSource("source-2").setUpdatedVersion(2L)
                .setChange(null).setLineage(null).build();
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    @Test
    void theHeapWatermarkReportsEveryHeapPoolAndAPeakAtLeastWhatWasHeld() {
        try (HeapWatermark heap = new HeapWatermark()) {
            heap.start();
            byte[][] held = new byte[8][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[4 << 20];
            }
            HeapWatermark.Reading reading = heap.read();
            assertThat(held[7]).hasSize(4 << 20);
            assertThat(reading.poolPeakBytes()).isNotEmpty();
            assertThat(reading.poolPeakSumBytes()).isEqualTo(reading.poolPeakBytes().values().stream().mapToLong(Long::longValue).sum());
            assertThat(reading.usedPeakBytes()).isGreaterThanOrEqualTo(32L << 20);
            assertThat(reading.afterGcPeakBytes()).isPositive();
            assertThat(reading.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        }
    }

    @Test
    void modelSettingsNameTheWrongOption() {
        assertThatThrownBy(() -> new ModelSettings(0, 2, 10, 1, "exactly_once_v2", null, Duration.ofSeconds(1), 1, Map.of()))
                .hasMessageContaining("--sources");
        assertThatThrownBy(() -> new ModelSettings(8, 2, 0, 1, "exactly_once_v2", null, Duration.ofSeconds(1), 1, Map.of()))
                .hasMessageContaining("--chunk-values");
    }
}
