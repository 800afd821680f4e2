package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionVerdict;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FusionRecordCodecTest {

    private static final InformationContribution PRIOR =
            InformationContribution.fromCovariance("prior", new double[3], new double[][]{{9, 0, 0}, {0, 9, 0}, {0, 0, 9}}, 0);

    private static SourcePosterior gaussian(Random random) {
        return new SourcePosterior.Covariance(FusionTestData.randomVector(random, 3, 1), FusionTestData.randomSpd(random, 3, 0.5, 0.3));
    }

    /** A precision whose asymmetry (1e-13 relative) is within tolerance but not zero. */
    private static SourcePosterior slightlyAsymmetricInformation(Random random) {
        double[][] Lambda = FusionTestData.randomSpd(random, 3, 2, 0.5);
        Lambda[0][1] *= 1 + 1e-13;
        return new SourcePosterior.Information(Lambda, FusionTestData.randomVector(random, 3, 1));
    }

    private static SourcePosterior fisher(Random random) {
        double[] F = FusionTestData.randomVector(random, 5, 1);
        for (int i = 0; i < F.length; i++) {
            F[i] = Math.abs(F[i]);
        }
        return new SourcePosterior.Fisher(FusionTestData.randomVector(random, 5, 1), F);
    }

    private static SourcePosterior mixture(Random random) {
        return new SourcePosterior.Mixture(List.of(
                new SourcePosterior.Component(0.3, FusionTestData.randomVector(random, 3, 1), FusionTestData.randomSpd(random, 3, 0.5, 0.3)),
                new SourcePosterior.Component(0.7, FusionTestData.randomVector(random, 3, 1), FusionTestData.randomSpd(random, 3, 0.5, 0.3))));
    }

    private static SourcePosterior samples(Random random) {
        double[][] draws = new double[30][];
        for (int s = 0; s < draws.length; s++) {
            draws[s] = FusionTestData.randomVector(random, 3, 1);
        }
        return new SourcePosterior.Samples(draws);
    }

    private record Case(Supplier<FusionRule> rule, java.util.function.Function<Random, SourcePosterior> posterior) {
    }

    private static final List<Case> CASES = List.of(
            new Case(() -> new ProductRule(PRIOR), FusionRecordCodecTest::gaussian),
            new Case(() -> new ProductRule(PRIOR), r -> new SourcePosterior.DiagonalCovariance(FusionTestData.randomVector(r, 3, 1), new double[]{1, 2, 3})),
            new Case(() -> new ProductRule(PRIOR), FusionRecordCodecTest::slightlyAsymmetricInformation),
            new Case(() -> new CovarianceIntersectionRule(IntersectionCriterion.DETERMINANT, false), FusionRecordCodecTest::gaussian),
            new Case(() -> new FisherRule(0.01, Map.of("b", 2.0), 1.0), FusionRecordCodecTest::fisher),
            new Case(() -> new MixtureProductRule(PRIOR, 3), FusionRecordCodecTest::mixture),
            new Case(ConsensusMonteCarloRule::new, FusionRecordCodecTest::samples));

    /** The fusion's header and every record encoded, decoded into a fresh table and restored. */
    private static VersionedFusion roundTrip(VersionedFusion original, FusionRule emptyRule) {
        InMemorySourceTable table = new InMemorySourceTable();
        original.forEachRecord(r -> table.put(FusionRecordCodec.decodeSource(r.sourceId(), FusionRecordCodec.encodeSource(r))));
        FusionHeader header = FusionRecordCodec.decodeHeader(FusionRecordCodec.encodeHeader(original.header()));
        return VersionedFusion.restore(emptyRule, table, header, VersionedFusion.DEFAULT_LISTED_UP_TO);
    }

    @Test
    void everyRulesStateSurvivesARoundTripAndContinuesBitForBit() {
        Random random = new Random(31);
        for (Case c : CASES) {
            VersionedFusion original = new VersionedFusion(c.rule().get());
            original.update("a", 1, c.posterior().apply(random), 1_000L, 2_000L);
            original.update("b", 4, c.posterior().apply(random));
            original.update("a", 2, c.posterior().apply(random), null, 3_000L);
            original.update("c", 1, c.posterior().apply(random));
            original.retract("c", 2, 4_000L);

            VersionedFusion restored = roundTrip(original, c.rule().get());
            String method = original.method().toString();

            assertThat(restored.sources()).as(method).isEqualTo(original.sources());
            assertThat(restored.digest()).as(method).isEqualTo(original.digest());
            assertThat(restored.record("a")).as(method).usingRecursiveComparison().isEqualTo(original.record("a"));
            assertThat(restored.record("c")).as(method).usingRecursiveComparison().isEqualTo(original.record("c"));
            assertSameResult(restored.result(), original.result(), method);
            assertThat(FusionRecordCodec.encodeHeader(restored.header())).as(method + " re-encodes identically")
                    .isEqualTo(FusionRecordCodec.encodeHeader(original.header()));

            SourcePosterior next = c.posterior().apply(random);
            original.update("b", 5, next);
            restored.update("b", 5, next);
            assertSameResult(restored.result(), original.result(), method + " after an update");
            assertThat(restored.update("c", 2, next).verdict()).as("the retraction survives")
                    .isEqualTo(VersionVerdict.SAME_VERSION);
        }
    }

    private static void assertSameResult(FusionResult actual, FusionResult expected, String what) {
        assertThat(actual).as(what).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void aSourceRecordIsItsArraysAsRawDoublesWithAFewBytesAround() {
        VersionedFusion fusion = new VersionedFusion(new FisherRule());
        int d = 10_000;
        fusion.update("worker-0", 1, new SourcePosterior.Fisher(new double[d], new double[d]));
        byte[] record = FusionRecordCodec.encodeSource(fusion.record("worker-0"));
        long doubles = 2L * d + 1;   // θ, F, λ
        assertThat((long) record.length).isBetween(8 * doubles, 8 * doubles + 24);
        byte[] header = FusionRecordCodec.encodeHeader(fusion.header());
        assertThat((long) header.length).isBetween(8 * (4L * d + 1), 8 * (4L * d + 1) + 96);
    }

    @Test
    void theHeaderStaysSmallWhateverTheNumberOfSources() {
        VersionedFusion fusion = new VersionedFusion(new ProductRule(PRIOR), new InMemorySourceTable(), 10);
        Random random = new Random(5);
        for (int k = 0; k < 1_000; k++) {
            fusion.update("source-" + k, 1, gaussian(random));
        }
        assertThat(fusion.sourceCount()).isEqualTo(1_000);
        assertThat(fusion.listedSources()).isNull();
        assertThat(FusionRecordCodec.encodeHeader(fusion.header()).length).isLessThan(400);
        for (int k = 10; k < 1_000; k++) {
            fusion.retract("source-" + k, 2);
        }
        assertThat(fusion.listedSources()).as("listed again once within the limit").hasSize(10)
                .containsEntry("source-0", 1L);
    }

    @Test
    void anUnknownFormatVersionOrTruncatedBytesAreRefusedWithAReason() {
        VersionedFusion fusion = new VersionedFusion(new ProductRule(PRIOR));
        fusion.update("a", 1, gaussian(new Random(1)));
        byte[] record = FusionRecordCodec.encodeSource(fusion.record("a"));
        byte[] header = FusionRecordCodec.encodeHeader(fusion.header());

        byte[] future = record.clone();
        future[1] = 2;
        assertThatThrownBy(() -> FusionRecordCodec.decodeSource("a", future))
                .hasMessage("fusion source record of 'a': format version 2 is not supported (this build reads 1)");
        assertThatThrownBy(() -> FusionRecordCodec.decodeSource("a", java.util.Arrays.copyOf(record, record.length - 5)))
                .hasMessageStartingWith("fusion source record of 'a': truncated");
        assertThatThrownBy(() -> FusionRecordCodec.decodeHeader(new byte[]{1, 2, 3}))
                .hasMessageContaining("fusion header: first byte is 0x01");
        assertThatThrownBy(() -> FusionRecordCodec.decodeHeader(java.util.Arrays.copyOf(header, header.length + 1)))
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void aStateIsRestoredOnlyIntoARuleOfItsMethod() {
        VersionedFusion fusion = new VersionedFusion(new ProductRule(PRIOR));
        fusion.update("a", 1, gaussian(new Random(1)));
        FusionHeader header = fusion.header();
        assertThat(header.rule().method()).isEqualTo(FusionMethod.PRODUCT);
        assertThatThrownBy(() -> VersionedFusion.restore(new FisherRule(), new InMemorySourceTable(), header, 100))
                .hasMessage("fusion state is for PRODUCT but the rule is FISHER");
    }
}
