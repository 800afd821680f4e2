package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
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

    private static QuantityFusion fresh(SelectedFusion settings, InMemorySourceTable table) {
        return QuantityFusion.of(settings, null, table);
    }

    /** The quantity's header through its store format, continued over the same source records. */
    private static QuantityFusion continued(SelectedFusion settings, QuantityFusion quantity, InMemorySourceTable table) {
        return QuantityFusion.of(settings, StoredQuantitySerde.decode(StoredQuantitySerde.encode(quantity.snapshot(null))), table);
    }

    @Test
    void aStoredQuantityContinuesWhereItStoppedUnderTheSameSettings() {
        SelectedFusion ci = settings("fusion: {method: covariance-intersection}");
        InMemorySourceTable table = new InMemorySourceTable();
        QuantityFusion first = fresh(ci, table);
        first.update("a", 1, A, null, 1_000);
        QuantityFusion continued = continued(ci, first, table);
        continued.update("b", 1, B, null, 1_100);
        QuantityFusion direct = fresh(ci, new InMemorySourceTable());
        direct.update("a", 1, A, null, 1_000);
        direct.update("b", 1, B, null, 1_100);
        assertThat(FusionAssertions.mean(continued.result().result())).isEqualTo(FusionAssertions.mean(direct.result().result()));
        assertThat(continued.withdrawnByRebuild()).isEmpty();
    }

    @Test
    void changedOptionsOfTheSameMethodRebuildTheRule() {
        InMemorySourceTable table = new InMemorySourceTable();
        QuantityFusion trace = fresh(settings("fusion: {method: covariance-intersection}"), table);
        trace.update("a", 1, A, null, 1_000);
        trace.update("b", 1, B, null, 1_100);
        SelectedFusion determinant = settings("fusion: {method: covariance-intersection, criterion: determinant}");
        QuantityFusion rebuilt = continued(determinant, trace, table);
        QuantityFusion direct = fresh(determinant, new InMemorySourceTable());
        direct.update("a", 1, A, null, 1_000);
        direct.update("b", 1, B, null, 1_100);
        assertThat(rebuilt.result().weights()).isEqualTo(direct.result().weights());
        assertThat(rebuilt.snapshot(null).fingerprint()).isEqualTo(determinant.fingerprint());
    }

    @Test
    void aMotionModelGivenAfterTheSourcesArrivedWithdrawsThoseItCannotPredict() {
        InMemorySourceTable table = new InMemorySourceTable();
        QuantityFusion staticQuantity = fresh(settings("fusion: {method: covariance-intersection}"), table);
        staticQuantity.update("a", 2, A, null, 1_000);
        SelectedFusion track = settings("""
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                fusion: {method: covariance-intersection, motionModel: cv}
                """);
        QuantityFusion continued = continued(track, staticQuantity, table);
        assertThat(continued.withdrawnByRebuild()).containsOnlyKeys("a");
        assertThat(continued.withdrawnByRebuild().get("a").getMessage()).contains("motion model's state has 4");
        assertThat(continued.hasSources()).isFalse();
        SourcePosterior fourStates = new SourcePosterior.DiagonalCovariance(new double[]{0, 1, 0, 1}, new double[]{1, 1, 1, 1});
        assertThat(continued.update("a", 2, fourStates, 1_100L, 1_100).accepted()).as("withdrawn at its version").isFalse();
        assertThat(continued.update("a", 3, fourStates, 1_100L, 1_100).accepted()).isTrue();
    }

    @Test
    void anExpiredSourceIsDroppedAndForgottenSoAnyVersionOfItIsNewAgain() {
        QuantityFusion q = fresh(settings("fusion: {method: covariance-intersection, sourceTtlMillis: 1000}"), new InMemorySourceTable());
        q.update("a", 5, A, null, 1_000);
        q.update("b", 1, B, null, 3_000);
        q.retract("c", 1, 1_500);
        assertThat(q.expire("a")).as("a contributed").isTrue();
        assertThat(q.expire("c")).as("c was retracted: forgotten, nothing changes").isFalse();
        assertThat(q.record("a")).isNull();
        assertThat(q.record("c")).isNull();
        assertThat(q.update("a", 1, A, null, 3_200).accepted()).as("forgotten: any version is new").isTrue();
        assertThat(q.isForgotten()).isFalse();
        q.expire("a");
        q.expire("b");
        assertThat(q.isForgotten()).isTrue();
    }

    @Test
    void aTombstoneRetractsUnlessTheSourcesUpdateIsNewerInEventTime() {
        QuantityFusion q = fresh(settings("fusion: {method: covariance-intersection}"), new InMemorySourceTable());
        q.update("a", 1, A, null, 2_000);
        assertThat(q.withdraw("a", 1_999)).isEqualTo(QuantityFusion.Withdrawal.SUPERSEDED);
        assertThat(q.withdraw("a", 2_000)).isEqualTo(QuantityFusion.Withdrawal.WITHDRAWN);
        assertThat(q.withdraw("a", 2_001)).isEqualTo(QuantityFusion.Withdrawal.NOT_CONTRIBUTING);
        assertThat(q.result().result()).isInstanceOf(FusionResult.NoSources.class);
    }

    @Test
    void aQuantityStoredByThePreviousReleaseIsConvertedToOneRecordPerSource() {
        SelectedFusion ci = settings("fusion: {method: covariance-intersection, sourceTtlMillis: 60000}");
        // the previous release's value: every source inside it, and a clock per source
        FusionState legacyState = new FusionState(FusionMethod.COVARIANCE_INTERSECTION, 2, List.of(), 0, List.of(
                new SourceEntry("a", 3, List.of(packedInformation(A))), new SourceEntry("b", 1, List.of(packedInformation(B)))),
                java.util.Map.of("c", 4L));
        FusedQuantity legacy = new FusedQuantity(ci.rules().fingerprint(), java.util.Map.of(
                "a", new SourceClock(null, 1_000L), "b", new SourceClock(900L, 1_100L), "c", new SourceClock(null, 1_200L)), legacyState);
        StoredQuantity stored = StoredQuantitySerde.decode(FusedQuantitySerde.encode(legacy));
        assertThat(stored.isLegacy()).isTrue();

        InMemorySourceTable table = new InMemorySourceTable();
        QuantityFusion converted = QuantityFusion.of(ci, stored, table);
        assertThat(table.size()).isEqualTo(3);
        assertThat(converted.record("b").posteriorTime()).isEqualTo(900L);
        assertThat(converted.record("c").contributing()).isFalse();
        assertThat(converted.update("c", 4, A, null, 2_000).accepted()).as("the retraction survives").isFalse();
        QuantityFusion direct = fresh(ci, new InMemorySourceTable());
        direct.update("a", 3, A, null, 1_000);
        direct.update("b", 1, B, null, 1_100);
        assertThat(FusionAssertions.mean(converted.result().result()))
                .usingComparatorWithPrecision(1e-12).containsExactly(FusionAssertions.mean(direct.result().result()));
        assertThat(converted.result().digest()).isEqualTo(direct.result().digest());
    }

    private static double[][] packedInformation(SourcePosterior posterior) {
        return InformationContribution.of("s", posterior, 0, "test").toArrays();
    }

    @Test
    void theFusedRecordsMapsAreSortedSoTheSameSourcesAlwaysWriteTheSameBytes() throws IOException {
        QuantityFusion q = fresh(settings("fusion: {method: covariance-intersection}"), new InMemorySourceTable());
        q.update("b", 1, B, null, 1_000);
        q.update("a", 1, A, null, 1_000);
        QuantityFusion.Fused fused = q.result();
        java.util.Map<String, Double> weightsBa = new java.util.LinkedHashMap<>();
        weightsBa.put("b", fused.weights().get("b"));
        weightsBa.put("a", fused.weights().get("a"));
        QuantityFusion.Fused inArrivalOrder = new QuantityFusion.Fused(fused.result(), null, fused.sources(), 2, fused.digest(),
                weightsBa, null);

        FusedPosterior sorted = FusedPosteriors.of("q", "covariance-intersection", fused, "a", 1L, null, FusionChange.UPDATED);
        FusedPosterior unsorted = FusedPosteriors.of("q", "covariance-intersection", inArrivalOrder, "a", 1L, null, FusionChange.UPDATED);
        assertThat(List.copyOf(fused.sources().keySet())).containsExactly("a", "b");
        assertThat(List.copyOf(unsorted.getWeights().keySet())).containsExactly("a", "b");
        assertThat(avro(unsorted)).isEqualTo(avro(sorted));
        assertThat(sorted.getSourceCount()).isEqualTo(2);
        assertThat(sorted.getSourcesDigest()).hasSize(16);
    }

    @Test
    void aboveTheListingLimitAFusedPosteriorGivesTheCountAndTheDigestInsteadOfTheSources() {
        QuantityFusion q = fresh(settings("fusion: {method: covariance-intersection, listSourcesUpTo: 1}"), new InMemorySourceTable());
        q.update("a", 1, A, null, 1_000);
        assertThat(FusedPosteriors.of("q", "ci", q.result(), "a", 1L, null, FusionChange.UPDATED).getSources()).containsOnlyKeys("a");
        q.update("b", 1, B, null, 1_000);
        FusedPosterior two = FusedPosteriors.of("q", "ci", q.result(), "b", 1L, null, FusionChange.UPDATED);
        assertThat(two.getSources()).isEmpty();
        assertThat(two.getSourceCount()).isEqualTo(2);
        assertThat(q.allSources()).containsOnlyKeys("a", "b");
    }

    private static byte[] avro(FusedPosterior record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(FusedPosterior.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
