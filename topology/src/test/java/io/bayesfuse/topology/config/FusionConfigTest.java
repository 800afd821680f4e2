package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FusionConfigTest {

    private static ConfigException problemsOf(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a configuration error for\n" + yaml);
    }

    @Test
    void everyMethodWithItsOptionsLoads() {
        FusionConfig product = ConfigLoader.parse("""
                fusion: {method: product, prior: {mean: [0, 0], covariance: [[4, 0], [0, 4]]}}
                """, "test").fusion();
        assertThat(product.prior().dimension()).isEqualTo(2);

        FusionConfig ci = ConfigLoader.parse("fusion: {method: covariance-intersection, criterion: determinant}", "test").fusion();
        assertThat(ci.criterionOrDefault()).isEqualTo("determinant");
        assertThat(ci.fastOrDefault()).isFalse();
        assertThat(ConfigLoader.parse("fusion: {method: covariance-intersection, fast: true}", "test").fusion().fastOrDefault()).isTrue();

        FusionConfig fisher = ConfigLoader.parse("""
                fusion:
                  method: fisher
                  fisherFloor: 1.0e-8
                  sourceWeights: {worker-0: 2.0, worker-1: 0.5}
                  defaultSourceWeight: 1.5
                """, "test").fusion();
        assertThat(fisher.fisherFloorOrDefault()).isEqualTo(1e-8);
        assertThat(fisher.sourceWeightsOrDefault()).containsEntry("worker-0", 2.0).containsEntry("worker-1", 0.5);
        assertThat(fisher.defaultSourceWeightOrDefault()).isEqualTo(1.5);

        FusionConfig mixture = ConfigLoader.parse("""
                fusion: {method: mixture-product, maxComponents: 4, prior: {precision: [[0]], informationVector: [0]}}
                """, "test").fusion();
        assertThat(mixture.maxComponentsOrDefault()).isEqualTo(4);

        assertThat(ConfigLoader.parse("fusion: {method: consensus-monte-carlo}", "test").fusion().method())
                .isEqualTo("consensus-monte-carlo");
    }

    @Test
    void defaultsApplyWhenOptionsAreAbsent() {
        FusionConfig config = FusionConfig.of("fisher");
        assertThat(config.fisherFloorOrDefault()).isZero();
        assertThat(config.defaultSourceWeightOrDefault()).isEqualTo(1.0);
        assertThat(config.sourceWeightsOrDefault()).isEmpty();
        assertThat(FusionConfig.of("mixture-product").maxComponentsOrDefault()).isEqualTo(FusionConfig.DEFAULT_MAX_COMPONENTS);
        assertThat(FusionConfig.of("covariance-intersection").criterionOrDefault()).isEqualTo("trace");
    }

    @Test
    void anOptionOfAnotherMethodIsAnErrorNamingItsPath() {
        assertThat(problemsOf("""
                fusion: {method: fisher, criterion: trace, maxComponents: 3, fast: true,
                         prior: {mean: [0], covariance: [[1]]}}
                """).problems()).containsExactlyInAnyOrder(
                "fusion.criterion: applies only to method covariance-intersection (method is fisher)",
                "fusion.fast: applies only to method covariance-intersection (method is fisher)",
                "fusion.maxComponents: applies only to method mixture-product (method is fisher)",
                "fusion.prior: applies only to methods product and mixture-product (method is fisher)");
        assertThat(problemsOf("fusion: {method: product, fisherFloor: 0.1, sourceWeights: {a: 1}}").problems())
                .containsExactlyInAnyOrder(
                        "fusion.fisherFloor: applies only to method fisher (method is product)",
                        "fusion.sourceWeights: applies only to method fisher (method is product)");
    }

    @Test
    void badValuesAreReportedAllAtOnceWithTheirPaths() {
        assertThat(problemsOf("""
                fusion:
                  method: fisher
                  fisherFloor: -1
                  sourceWeights: {worker-0: 0, worker-1: -3}
                  defaultSourceWeight: -2
                """).problems()).containsExactlyInAnyOrder(
                "fusion.fisherFloor: is -1.0, must be a finite number >= 0",
                "fusion.sourceWeights.worker-0: is 0.0, must be a finite number > 0",
                "fusion.sourceWeights.worker-1: is -3.0, must be a finite number > 0",
                "fusion.defaultSourceWeight: is -2.0, must be a finite number > 0");
        assertThat(problemsOf("fusion: {method: mixture-product, maxComponents: 0}").problems())
                .containsExactly("fusion.maxComponents: is 0, must be at least 1");
        assertThat(problemsOf("fusion: {method: covariance-intersection, criterion: volume}").problems())
                .containsExactly("fusion.criterion: is 'volume', expected one of [determinant, trace]");
        assertThat(problemsOf("fusion: {method: covariance-intersection, criterion: determinant, fast: true}").problems())
                .containsExactly("fusion.fast: weights ∝ 1/trace approximate the trace criterion, not determinant:"
                        + " drop one of fast and criterion");
        assertThat(problemsOf("fusion: {method: average}").problems()).containsExactly(
                "fusion.method: is 'average', expected one of [consensus-monte-carlo, covariance-intersection, fisher, mixture-product, product]");
    }

    @Test
    void aPriorMustBeOneCompleteValidForm() {
        assertThat(problemsOf("fusion: {method: product, prior: {mean: [0, 0], covariance: [[1, 2], [2, 1]]}}").problems())
                .containsExactly("fusion.prior.covariance: is not positive definite");
        assertThat(problemsOf("fusion: {method: product, prior: {mean: [0, 0], covariance: [[1, 0], [0, 1]], precision: [[1]]}}").problems())
                .containsExactly("fusion.prior: give either mean with covariance or precision with informationVector, not both");
        assertThat(problemsOf("fusion: {method: product, prior: {mean: [0]}}").problems())
                .containsExactly("fusion.prior.covariance: is required");
        assertThat(problemsOf("fusion: {method: product, prior: {precision: [[1, 0], [0, -1]], informationVector: [0, 0]}}").problems())
                .containsExactly("fusion.prior.precision: is not positive semi-definite (eigenvalue -1.0)");
        assertThat(problemsOf("fusion: {method: product, prior: {mean: [0, 0, 0], covariance: [[1, 0], [0, 1]]}}").problems())
                .containsExactly("fusion.prior.covariance: is 2x2 but mean has 3 components");
        assertThat(problemsOf("fusion: {method: product, prior: {}}").problems())
                .containsExactly("fusion.prior: needs mean with covariance, or precision with informationVector");
    }

    @Test
    void anUnknownFusionSettingIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("fusion: {method: fisher, floor: 0.1}", "test"))
                .hasMessageContaining("fusion.floor: is not a known setting");
    }
}
