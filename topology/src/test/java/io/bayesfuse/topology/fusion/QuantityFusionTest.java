package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-quantity logic between a store read and a store write, without Kafka. */
class QuantityFusionTest {

    private static final SourcePosterior A = new SourcePosterior.Covariance(new double[]{1, 2}, new double[][]{{1, 0.2}, {0.2, 0.5}});
    private static final SourcePosterior B = new SourcePosterior.Covariance(new double[]{1.4, 1.7}, new double[][]{{0.6, -0.1}, {-0.1, 0.9}});

    private static SelectedFusion settings(String yaml) {
        return FusionSelection.compile(ConfigLoader.parse(yaml, "test")).forQuantity("q");
    }

    @Test
    void aStoredQuantityContinuesWhereItStoppedUnderTheSameSettings() {
        SelectedFusion ci = settings("fusion: {method: covariance-intersection}");
        QuantityFusion first = QuantityFusion.of(ci, null);
        first.update("a", 1, A, null, 1_000);
        QuantityFusion continued = QuantityFusion.of(ci, FusedQuantitySerde.decode(FusedQuantitySerde.encode(first.snapshot())));
        continued.update("b", 1, B, null, 1_100);
        QuantityFusion direct = QuantityFusion.of(ci, null);
        direct.update("a", 1, A, null, 1_000);
        direct.update("b", 1, B, null, 1_100);
        assertThat(FusionAssertions.mean(continued.result().result())).isEqualTo(FusionAssertions.mean(direct.result().result()));
        assertThat(continued.withdrawnByRebuild()).isEmpty();
    }

    @Test
    void changedOptionsOfTheSameMethodRebuildTheRule() {
        QuantityFusion trace = QuantityFusion.of(settings("fusion: {method: covariance-intersection}"), null);
        trace.update("a", 1, A, null, 1_000);
        trace.update("b", 1, B, null, 1_100);
        SelectedFusion determinant = settings("fusion: {method: covariance-intersection, criterion: determinant}");
        QuantityFusion rebuilt = QuantityFusion.of(determinant, trace.snapshot());
        QuantityFusion direct = QuantityFusion.of(determinant, null);
        direct.update("a", 1, A, null, 1_000);
        direct.update("b", 1, B, null, 1_100);
        assertThat(rebuilt.result().weights()).isEqualTo(direct.result().weights());
        assertThat(rebuilt.snapshot().fingerprint()).isEqualTo(determinant.rules().fingerprint());
    }

    @Test
    void aMotionModelGivenAfterTheSourcesArrivedWithdrawsThoseItCannotPredict() {
        QuantityFusion staticQuantity = QuantityFusion.of(settings("fusion: {method: covariance-intersection}"), null);
        staticQuantity.update("a", 2, A, null, 1_000);
        SelectedFusion track = settings("""
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                fusion: {method: covariance-intersection, motionModel: cv}
                """);
        QuantityFusion continued = QuantityFusion.of(track, staticQuantity.snapshot());
        assertThat(continued.withdrawnByRebuild()).containsOnlyKeys("a");
        assertThat(continued.withdrawnByRebuild().get("a").getMessage()).contains("motion model's state has 4");
        assertThat(continued.hasSources()).isFalse();
        SourcePosterior fourStates = new SourcePosterior.DiagonalCovariance(new double[]{0, 1, 0, 1}, new double[]{1, 1, 1, 1});
        assertThat(continued.update("a", 2, fourStates, 1_100L, 1_100).accepted()).as("withdrawn at its version").isFalse();
        assertThat(continued.update("a", 3, fourStates, 1_100L, 1_100).accepted()).isTrue();
    }

    @Test
    void silentSourcesExpireAtTheirVersionAndAreForgottenWithRetractedOnesOnceOlderThanTheCutoff() {
        QuantityFusion q = QuantityFusion.of(settings("fusion: {method: covariance-intersection, sourceTtlMillis: 1000}"), null);
        q.update("a", 5, A, null, 1_000);
        q.update("b", 1, B, null, 3_000);
        q.retract("c", 1, 1_500);
        assertThat(q.silentBefore(2_000)).containsExactly("a");
        q.expire("a");
        assertThat(q.update("a", 5, A, null, 3_100).accepted()).as("expired at version 5").isFalse();
        q.forgetRetractedBefore(2_000);
        assertThat(q.snapshot().clocks()).containsOnlyKeys("b");
        assertThat(q.update("a", 1, A, null, 3_200).accepted()).as("forgotten: any version is new").isTrue();
        assertThat(q.isForgotten()).isFalse();
    }

    @Test
    void aTombstoneRetractsUnlessTheSourcesUpdateIsNewerInEventTime() {
        QuantityFusion q = QuantityFusion.of(settings("fusion: {method: covariance-intersection}"), null);
        q.update("a", 1, A, null, 2_000);
        assertThat(q.withdraw("a", 1_999)).isEqualTo(QuantityFusion.Withdrawal.SUPERSEDED);
        assertThat(q.withdraw("a", 2_000)).isEqualTo(QuantityFusion.Withdrawal.WITHDRAWN);
        assertThat(q.withdraw("a", 2_001)).isEqualTo(QuantityFusion.Withdrawal.NOT_CONTRIBUTING);
        assertThat(q.result().result()).isInstanceOf(FusionResult.NoSources.class);
    }

    @Test
    void theFusedRecordsMapsAreSortedSoTheSameSourcesAlwaysWriteTheSameBytes() throws IOException {
        QuantityFusion q = QuantityFusion.of(settings("fusion: {method: covariance-intersection}"), null);
        q.update("b", 1, B, null, 1_000);
        q.update("a", 1, A, null, 1_000);
        QuantityFusion.Fused fused = q.result();
        java.util.Map<String, Long> sourcesBa = new java.util.LinkedHashMap<>();
        sourcesBa.put("b", 1L);
        sourcesBa.put("a", 1L);
        java.util.Map<String, Double> weightsBa = new java.util.LinkedHashMap<>();
        weightsBa.put("b", fused.weights().get("b"));
        weightsBa.put("a", fused.weights().get("a"));
        QuantityFusion.Fused inArrivalOrder = new QuantityFusion.Fused(fused.result(), null, sourcesBa, weightsBa);

        FusedPosterior sorted = FusedPosteriors.of("q", "covariance-intersection", fused, "a", null, FusionChange.UPDATED);
        FusedPosterior unsorted = FusedPosteriors.of("q", "covariance-intersection", inArrivalOrder, "a", null, FusionChange.UPDATED);
        assertThat(List.copyOf(fused.sources().keySet())).containsExactly("a", "b");
        assertThat(List.copyOf(unsorted.getSources().keySet())).containsExactly("a", "b");
        assertThat(List.copyOf(unsorted.getWeights().keySet())).containsExactly("a", "b");
        assertThat(avro(unsorted)).isEqualTo(avro(sorted));
    }

    private static byte[] avro(FusedPosterior record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(FusedPosterior.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
