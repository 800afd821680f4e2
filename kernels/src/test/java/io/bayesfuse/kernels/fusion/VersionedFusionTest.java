package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.state.UpdateOutcome;
import io.bayesfuse.kernels.fusion.state.VersionVerdict;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionedFusionTest {

    private static VersionedFusion fusion() {
        return new VersionedFusion(new ProductRule(
                InformationContribution.fromCovariance("prior", new double[]{0}, new double[][]{{100}}, 0)));
    }

    private static SourcePosterior gaussian(double mean, double variance) {
        return new SourcePosterior.Covariance(new double[]{mean}, new double[][]{{variance}});
    }

    private static double fusedMean(VersionedFusion f) {
        return FusionTestData.gaussianOf(f.result()).mean(0);
    }

    @Test
    void aNewSourceIsAcceptedAndItsNewerVersionReplacesIt() {
        VersionedFusion f = fusion();
        UpdateOutcome first = f.update("a", 1, gaussian(1.0, 1.0));
        UpdateOutcome second = f.update("a", 2, gaussian(5.0, 1.0));

        assertThat(first.verdict()).isEqualTo(VersionVerdict.NEW_SOURCE);
        assertThat(first.newestVersion()).isEmpty();
        assertThat(second.verdict()).isEqualTo(VersionVerdict.NEWER_VERSION);
        assertThat(second.newestVersion()).isEqualTo(OptionalLong.of(1));
        assertThat(f.sources()).containsExactly(java.util.Map.entry("a", 2L));
        assertThat(fusedMean(f)).isEqualTo(5.0);
    }

    @Test
    void anOlderOrEqualVersionIsIgnoredAndReportedAsSuch() {
        VersionedFusion f = fusion();
        f.update("a", 5, gaussian(1.0, 1.0));
        UpdateOutcome older = f.update("a", 4, gaussian(9.0, 1.0));
        UpdateOutcome same = f.update("a", 5, gaussian(9.0, 1.0));

        assertThat(older.verdict()).isEqualTo(VersionVerdict.OLDER_VERSION);
        assertThat(older.accepted()).isFalse();
        assertThat(older.describe()).isEqualTo("source 'a' version 4 ignored: OLDER_VERSION (newest was 5)");
        assertThat(same.verdict()).isEqualTo(VersionVerdict.SAME_VERSION);
        assertThat(fusedMean(f)).isEqualTo(1.0);
        assertThat(f.sources()).containsEntry("a", 5L);
    }

    @Test
    void aRetractionRemovesTheSourceAndAStaleUpdateCannotBringItBack() {
        VersionedFusion f = fusion();
        f.update("a", 1, gaussian(1.0, 1.0));
        f.update("b", 1, gaussian(3.0, 1.0));
        assertThat(f.retract("a", 2).verdict()).isEqualTo(VersionVerdict.NEWER_VERSION);
        assertThat(f.sources()).containsOnlyKeys("b");

        assertThat(f.update("a", 2, gaussian(100.0, 1.0)).verdict()).isEqualTo(VersionVerdict.SAME_VERSION);
        assertThat(f.update("a", 1, gaussian(100.0, 1.0)).verdict()).isEqualTo(VersionVerdict.OLDER_VERSION);
        assertThat(f.sources()).containsOnlyKeys("b");

        assertThat(f.update("a", 3, gaussian(7.0, 1.0)).verdict()).isEqualTo(VersionVerdict.NEW_SOURCE);
        assertThat(f.sources()).containsExactly(java.util.Map.entry("a", 3L), java.util.Map.entry("b", 1L));
    }

    @Test
    void aRetractionOfAnUnknownSourceOrAnOlderVersionIsIgnored() {
        VersionedFusion f = fusion();
        assertThat(f.retract("x", 1).verdict()).isEqualTo(VersionVerdict.UNKNOWN_SOURCE);
        f.update("a", 3, gaussian(1.0, 1.0));
        assertThat(f.retract("a", 2).verdict()).isEqualTo(VersionVerdict.OLDER_VERSION);
        assertThat(f.sources()).containsOnlyKeys("a");
    }

    @Test
    void aRejectedUpdateLeavesVersionsAndResultUntouched() {
        VersionedFusion f = fusion();
        f.update("a", 1, gaussian(1.0, 1.0));
        assertThatThrownBy(() -> f.update("a", 2, gaussian(Double.NaN, 1.0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("source 'a': mean has a non-finite value");
        assertThat(f.sources()).containsEntry("a", 1L);
        assertThat(fusedMean(f)).isEqualTo(1.0);
        assertThat(f.update("a", 2, gaussian(2.0, 1.0)).accepted()).isTrue();
    }

    @Test
    void sourcesAreInCanonicalOrderWhateverTheOrderTheyArrivedIn() {
        VersionedFusion f = fusion();
        f.update("b", 1, gaussian(1.0, 1.0));
        f.update("a", 1, gaussian(1.0, 1.0));
        f.update("b", 2, gaussian(1.0, 1.0));
        f.update("\uD83D\uDE00", 1, gaussian(1.0, 1.0));    // a supplementary character sorts after U+FFFD, as in UTF-8
        f.update("\uFFFD", 1, gaussian(1.0, 1.0));
        assertThat(f.sources().keySet()).containsExactly("a", "b", "\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void theDigestNamesTheSetOfSourceVersionsWhateverTheOrder() {
        VersionedFusion one = fusion();
        one.update("a", 1, gaussian(1.0, 1.0));
        one.update("b", 2, gaussian(1.0, 1.0));
        VersionedFusion other = fusion();
        other.update("b", 1, gaussian(1.0, 1.0));
        other.update("a", 1, gaussian(1.0, 1.0));
        assertThat(other.digest()).isNotEqualTo(one.digest());
        other.update("b", 2, gaussian(5.0, 1.0));
        assertThat(other.digest()).isEqualTo(one.digest());
        other.retract("b", 3);
        other.update("c", 1, gaussian(1.0, 1.0));
        other.retract("c", 2);
        VersionedFusion onlyA = fusion();
        onlyA.update("a", 1, gaussian(1.0, 1.0));
        assertThat(other.digest()).isEqualTo(onlyA.digest());
    }

    @Test
    void aWithdrawnSourceKeepsItsVersionSoOnlyANewerOneBringsItBack() {
        VersionedFusion f = fusion();
        f.update("a", 4, gaussian(1.0, 1.0));
        f.update("b", 1, gaussian(3.0, 1.0));
        assertThat(f.withdraw("a")).isTrue();
        assertThat(f.sources()).containsOnlyKeys("b");
        assertThat(fusedMean(f)).as("b alone").isEqualTo(3.0);

        assertThat(f.update("a", 4, gaussian(9.0, 1.0)).verdict()).isEqualTo(VersionVerdict.SAME_VERSION);
        assertThat(f.update("a", 5, gaussian(9.0, 1.0)).verdict()).isEqualTo(VersionVerdict.NEW_SOURCE);
    }

    @Test
    void withdrawingASourceThatDoesNotContributeChangesNothing() {
        VersionedFusion f = fusion();
        f.update("a", 1, gaussian(1.0, 1.0));
        f.retract("a", 2);
        assertThat(f.withdraw("a")).isFalse();
        assertThat(f.withdraw("never")).isFalse();
        assertThat(RuleHarness.retractedOf(f)).containsExactly(java.util.Map.entry("a", 2L));
    }

    @Test
    void aSourcesPosteriorComesBackInAFormTheRuleAccepts() {
        VersionedFusion f = fusion();
        f.update("a", 1, gaussian(2.0, 4.0));
        SourcePosterior.Information a = (SourcePosterior.Information) f.posterior("a");
        assertThat(a.precision()[0][0]).isEqualTo(0.25);
        assertThat(a.informationVector()[0]).isEqualTo(0.5);
        assertThatThrownBy(() -> f.posterior("b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
    }

    @Test
    void aRebuildUnderAnotherRuleWithdrawsTheSourcesItRefusesAndKeepsTheirVersions() {
        VersionedFusion f = fusion();
        f.update("a", 3, gaussian(1.0, 1.0));
        f.update("b", 7, gaussian(3.0, 1.0));
        f.retract("c", 1);
        f.update("c", 2, gaussian(5.0, 1.0));
        f.retract("c", 9);

        // a product without a prior takes one source only: the second one is refused
        VersionedFusion.Rebuilt rebuilt = f.rebuild(new ProductRule(null));
        assertThat(rebuilt.fusion().sources()).containsExactly(java.util.Map.entry("a", 3L));
        assertThat(rebuilt.withdrawn()).containsOnlyKeys("b");
        assertThat(rebuilt.withdrawn().get("b").getMessage()).contains("prior");
        assertThat(RuleHarness.retractedOf(rebuilt.fusion())).containsOnly(java.util.Map.entry("b", 7L), java.util.Map.entry("c", 9L));
        assertThat(rebuilt.fusion().update("b", 7, gaussian(0.0, 1.0)).verdict()).isEqualTo(VersionVerdict.SAME_VERSION);
        assertThat(fusedMean(rebuilt.fusion())).isEqualTo(1.0);
    }

    @Test
    void aForgottenRetractionLetsAnyVersionOfTheSourceBackButLeavesContributingSourcesAlone() {
        VersionedFusion f = fusion();
        f.update("a", 5, gaussian(1.0, 1.0));
        f.update("b", 5, gaussian(3.0, 1.0));
        f.retract("a", 6);
        f.forget("a");
        f.forget("b");
        assertThat(RuleHarness.retractedOf(f)).isEmpty();
        assertThat(f.sources()).containsOnlyKeys("b");
        assertThat(f.update("a", 1, gaussian(2.0, 1.0)).verdict()).isEqualTo(VersionVerdict.NEW_SOURCE);
    }
}
