package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.VersionVerdict;
import io.bayesfuse.kernels.fusion.VersionedFusion;
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

class FusionStateCodecTest {

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
            new Case(() -> new ProductRule(PRIOR), FusionStateCodecTest::gaussian),
            new Case(() -> new ProductRule(PRIOR), r -> new SourcePosterior.DiagonalCovariance(FusionTestData.randomVector(r, 3, 1), new double[]{1, 2, 3})),
            new Case(() -> new ProductRule(PRIOR), FusionStateCodecTest::slightlyAsymmetricInformation),
            new Case(() -> new CovarianceIntersectionRule(IntersectionCriterion.DETERMINANT, false), FusionStateCodecTest::gaussian),
            new Case(() -> new FisherRule(0.01, Map.of("b", 2.0), 1.0), FusionStateCodecTest::fisher),
            new Case(() -> new MixtureProductRule(PRIOR, 3), FusionStateCodecTest::mixture),
            new Case(ConsensusMonteCarloRule::new, FusionStateCodecTest::samples));

    @Test
    void everyRulesStateSurvivesARoundTripAndContinuesBitForBit() {
        Random random = new Random(31);
        for (Case c : CASES) {
            VersionedFusion original = new VersionedFusion(c.rule().get());
            original.update("a", 1, c.posterior().apply(random));
            original.update("b", 4, c.posterior().apply(random));
            original.update("a", 2, c.posterior().apply(random));
            original.update("c", 1, c.posterior().apply(random));
            original.retract("c", 2);

            byte[] bytes = FusionStateCodec.encode(original.snapshot());
            FusionState decoded = FusionStateCodec.decode(bytes);
            VersionedFusion restored = VersionedFusion.restore(c.rule().get(), decoded);
            String method = original.method().toString();

            assertThat(restored.sources()).as(method).isEqualTo(original.sources());
            assertSameResult(restored.result(), original.result(), method);
            assertThat(FusionStateCodec.encode(restored.snapshot())).as(method + " re-encodes identically").isEqualTo(bytes);

            SourcePosterior next = c.posterior().apply(random);
            original.update("b", 5, next);
            restored.update("b", 5, next);
            assertSameResult(restored.result(), original.result(), method + " after an update");
            assertThat(restored.update("c", 2, next).verdict()).as("the retraction tombstone survives")
                    .isEqualTo(VersionVerdict.SAME_VERSION);
        }
    }

    private static void assertSameResult(FusionResult actual, FusionResult expected, String what) {
        assertThat(actual).as(what).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void theEncodingIsCompactRawDoublesWithASmallHeader() {
        FisherRule rule = new FisherRule();
        VersionedFusion fusion = new VersionedFusion(rule);
        int d = 10_000;
        fusion.update("worker-0", 1, new SourcePosterior.Fisher(new double[d], new double[d]));
        byte[] bytes = FusionStateCodec.encode(fusion.snapshot());
        long doubles = 6L * d + 2;   // aggregates (4d + 1) and the source's θ, F, λ (2d + 1)
        assertThat((long) bytes.length).isBetween(8 * doubles, 8 * doubles + 64);
    }

    @Test
    void anUnknownFormatVersionOrTruncatedBytesAreRefusedWithAReason() {
        VersionedFusion fusion = new VersionedFusion(new ProductRule(PRIOR));
        fusion.update("a", 1, gaussian(new Random(1)));
        byte[] bytes = FusionStateCodec.encode(fusion.snapshot());

        byte[] future = bytes.clone();
        future[1] = 2;
        assertThatThrownBy(() -> FusionStateCodec.decode(future))
                .hasMessage("fusion state: format version 2 is not supported (this build reads 1)");
        assertThatThrownBy(() -> FusionStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 5)))
                .hasMessageStartingWith("fusion state: truncated");
        assertThatThrownBy(() -> FusionStateCodec.decode(new byte[]{1, 2, 3}))
                .hasMessageContaining("not a fusion state");
    }

    @Test
    void aStateIsRestoredOnlyIntoARuleOfItsMethod() {
        VersionedFusion fusion = new VersionedFusion(new ProductRule(PRIOR));
        fusion.update("a", 1, gaussian(new Random(1)));
        FusionState state = fusion.snapshot();
        assertThat(state.method()).isEqualTo(FusionMethod.PRODUCT);
        assertThatThrownBy(() -> VersionedFusion.restore(new FisherRule(), state))
                .hasMessage("fusion state is for PRODUCT but the rule is FISHER");
    }
}
