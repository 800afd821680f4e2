package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.codec.FusionRecordCodec;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FusionRuleFactoryTest {

    private static FusionRuleFactory factory(String yaml) {
        return new FusionRuleFactory(ConfigLoader.parse(yaml, "test").requireFusion());
    }

    @Test
    void eachMethodBecomesItsRule() {
        assertThat(factory("fusion: {method: product}").newRule().method()).isEqualTo(FusionMethod.PRODUCT);
        assertThat(factory("fusion: {method: covariance-intersection}").newRule().method()).isEqualTo(FusionMethod.COVARIANCE_INTERSECTION);
        assertThat(factory("fusion: {method: fisher}").newRule().method()).isEqualTo(FusionMethod.FISHER);
        assertThat(factory("fusion: {method: mixture-product}").newRule().method()).isEqualTo(FusionMethod.MIXTURE_PRODUCT);
        assertThat(factory("fusion: {method: consensus-monte-carlo}").newRule().method()).isEqualTo(FusionMethod.CONSENSUS_MONTE_CARLO);
    }

    @Test
    void thePriorIsDividedOutOfTheProduct() {
        VersionedFusion f = factory("fusion: {method: product, prior: {mean: [0], covariance: [[1]]}}").newQuantity();
        f.update("a", 1, new SourcePosterior.Covariance(new double[]{1}, new double[][]{{0.5}}));
        f.update("b", 1, new SourcePosterior.Covariance(new double[]{1}, new double[][]{{0.5}}));
        // Λ = 2 + 2 − 1 = 3, η = 2 + 2 − 0 = 4
        FusionResult.GaussianPosterior r = (FusionResult.GaussianPosterior) f.result();
        assertThat(r.posterior().mean(0)).isCloseTo(4.0 / 3.0, within(1e-15));
        assertThat(r.posterior().covariance(0, 0)).isCloseTo(1.0 / 3.0, within(1e-15));
    }

    @Test
    void fisherOptionsReachTheRule() {
        VersionedFusion f = factory("fusion: {method: fisher, fisherFloor: 1.0, sourceWeights: {b: 3.0}}").newQuantity();
        f.update("a", 1, new SourcePosterior.Fisher(new double[]{0}, new double[]{0}));
        f.update("b", 1, new SourcePosterior.Fisher(new double[]{1}, new double[]{0}));
        // floored F = 1 each, λ = (1, 3): θ = 3/4
        assertThat(((FusionResult.FisherPosterior) f.result()).mean()[0]).isEqualTo(0.75);
    }

    @Test
    void fastAndDeterminantOptionsReachCovarianceIntersection() {
        VersionedFusion fast = factory("fusion: {method: covariance-intersection, fast: true}").newQuantity();
        fast.update("a", 1, new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{1, 1}));
        fast.update("b", 1, new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{3, 3}));
        double[] weights = ((FusionResult.IntersectionPosterior) fast.result()).weights();
        assertThat(weights[0]).isCloseTo(0.75, within(1e-15));
        assertThat(weights[1]).isCloseTo(0.25, within(1e-15));

        VersionedFusion det = factory("fusion: {method: covariance-intersection, criterion: determinant}").newQuantity();
        det.update("a", 1, new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{1, 4}));
        det.update("b", 1, new SourcePosterior.DiagonalCovariance(new double[]{0, 0}, new double[]{4, 1}));
        assertThat(((FusionResult.IntersectionPosterior) det.result()).weights()[0]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aQuantityRestoredFromItsStateContinues() {
        FusionRuleFactory factory = factory("fusion: {method: mixture-product, maxComponents: 2, prior: {mean: [0], covariance: [[9]]}}");
        VersionedFusion f = factory.newQuantity();
        f.update("a", 1, new SourcePosterior.DiagonalCovariance(new double[]{1}, new double[]{1}));
        InMemorySourceTable table = new InMemorySourceTable();
        f.forEachRecord(table::put);
        VersionedFusion restored = VersionedFusion.restore(factory.newRule(), table,
                FusionRecordCodec.decodeHeader(FusionRecordCodec.encodeHeader(f.header())), 100);
        assertThat(restored.sources()).containsEntry("a", 1L);
        assertThat(restored.update("a", 1, new SourcePosterior.DiagonalCovariance(new double[]{5}, new double[]{1})).accepted()).isFalse();
    }
}
