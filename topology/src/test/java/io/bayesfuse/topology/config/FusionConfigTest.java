package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

import java.util.List;

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
                "fusion.method: is 'average', expected one of [consensus-monte-carlo, covariance-intersection, dc-fusion, fisher, mixture-product, product]");
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
                .containsExactly("fusion.prior: needs mean with covariance, precision with informationVector, or isotropic");
        assertThat(problemsOf("fusion: {method: product, prior: {isotropic: {mean: 1, variance: 0}}}").problems())
                .containsExactly("fusion.prior.isotropic.variance: is 0.0, must be a finite number > 0");
        assertThat(problemsOf("fusion: {method: product, prior: {isotropic: {variance: 2}, mean: [0]}}").problems())
                .containsExactly("fusion.prior: give isotropic, or mean with covariance, or precision with informationVector: one of them");
        assertThat(problemsOf("fusion: {method: mixture-product, prior: {isotropic: {variance: 2}}}").problems())
                .containsExactly("fusion.prior.isotropic: applies only to method product (method is mixture-product)");
        assertThat(ConfigLoader.parse("fusion: {method: product, prior: {isotropic: {variance: 2}}}", "test").fusion().prior()
                .isotropic().toPrior().precision()).isEqualTo(0.5);
    }

    @Test
    void anUnknownFusionSettingIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("fusion: {method: fisher, floor: 0.1}", "test"))
                .hasMessageContaining("fusion.floor: is not a known setting");
    }

    private static final String CV = """
            motionModels:
              cv: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            """;

    @Test
    void aTrackNamesAMotionModelAndSourcesMayHaveATimeToLive() {
        FusionConfig track = ConfigLoader.parse(CV + "fusion: {method: covariance-intersection, motionModel: cv, sourceTtlMillis: 30000}",
                "test").fusion();
        assertThat(track.isDynamic()).isTrue();
        assertThat(track.sourceTtlMillis()).isEqualTo(30_000L);
        assertThat(ConfigLoader.parse(CV + "fusion: {method: product, motionModel: cv, prior: {precision: [[0, 0], [0, 0]],"
                + " informationVector: [0, 0]}}", "test").fusion().isDynamic()).isTrue();
        assertThat(FusionConfig.of("fisher").isDynamic()).isFalse();
    }

    @Test
    void aMotionModelMustExistAndSuitTheMethod() {
        assertThat(problemsOf(CV + "fusion: {method: covariance-intersection, motionModel: ca}").problems())
                .containsExactly("fusion.motionModel: is 'ca' but motionModels defines [cv]");
        assertThat(problemsOf(CV + "fusion: {method: fisher, motionModel: cv}").problems())
                .containsExactly("fusion.motionModel: applies only to methods [covariance-intersection, product] (method is fisher)");
        assertThat(problemsOf(CV + "fusion: {method: product, motionModel: cv, prior: {mean: [0, 0], covariance: [[1, 0], [0, 1]]}}")
                .problems()).singleElement().asString().startsWith("fusion.motionModel: cannot be used with a product whose prior is not flat");
        assertThat(problemsOf(CV + "fusion: {method: covariance-intersection, sourceTtlMillis: 0}").problems())
                .containsExactly("fusion.sourceTtlMillis: is 0, must be > 0 (leave it out to keep sources until they are retracted)");
    }

    @Test
    void quantitiesHaveTheirOwnSettingsCheckedLikeTheDefault() {
        BayesfuseConfig config = ConfigLoader.parse(CV + """
                fusion: {method: fisher}
                quantities:
                  track-7: {method: covariance-intersection, motionModel: cv}
                """, "test");
        assertThat(config.fusionOf("track-7").method()).isEqualTo("covariance-intersection");
        assertThat(config.fusionOf("model").method()).isEqualTo("fisher");
        assertThat(config.hasFusion()).isTrue();
        assertThat(problemsOf("quantities: {w: {method: average}, default: {method: fisher}}").problems()).containsExactlyInAnyOrder(
                "quantities.w.method: is 'average', expected one of [consensus-monte-carlo, covariance-intersection, dc-fusion, fisher, mixture-product, product]",
                "quantities.default: 'default' is not a usable quantity id ('default' names the fusion section in configuration records)");
        assertThat(ConfigLoader.parse("quantities: {w: {method: fisher}}", "test").fusionOf("x")).isNull();
    }

    @Test
    void tracksNeedGaussianFusionSettingsAndValidTopics() {
        BayesfuseConfig config = ConfigLoader.parse(CV + """
                fusion: {method: covariance-intersection, motionModel: cv}
                tracks: {}
                """, "test");
        assertThat(config.tracks().estimateTopicsOr(config.application().topicNames())).containsExactly("bayesfuse.estimates");
        assertThat(problemsOf("tracks: {estimateTopics: [a.estimates]}").problems())
                .containsExactly("tracks: needs a fusion section: track quantities (entity ids) are fused with its settings");
        assertThat(problemsOf("fusion: {method: fisher}\ntracks: {estimateTopics: [a.estimates, 'bad topic', a.estimates]}").problems())
                .containsExactlyInAnyOrder(
                        "tracks.estimateTopics[1]: is 'bad topic', not a valid Kafka topic name",
                        "tracks.estimateTopics[2]: repeats 'a.estimates'",
                        "fusion.method: is fisher, but tracks are Gaussian estimates: use one of [covariance-intersection,"
                                + " mixture-product, product] (covariance-intersection for sites with correlated errors)");
        assertThat(problemsOf("fusion: {method: covariance-intersection}\ntracks: {estimateTopics: []}").problems())
                .containsExactly("tracks.estimateTopics: is empty; leave it out to fuse this deployment's own estimates");
    }

    @Test
    void trustLoadsWithItsDefaultsFilledIn() {
        FusionConfig config = ConfigLoader.parse("""
                fusion: {method: product, prior: {mean: [0], covariance: [[100]]}, trust: {action: down-weight}}
                """, "test").fusion();
        var settings = config.trust().toSettings();
        assertThat(settings.probability()).isEqualTo(TrustConfig.DEFAULT_PROBABILITY);
        assertThat(settings.action()).isEqualTo(io.bayesfuse.kernels.fusion.trust.TrustAction.DOWN_WEIGHT);
        assertThat(settings.readmitAfter()).isEqualTo(TrustConfig.DEFAULT_READMIT_AFTER);
        FusionConfig quarantine = ConfigLoader.parse("""
                fusion: {method: product, trust: {test: chi-square, probability: 0.99, action: quarantine, readmitAfter: 5}}
                """, "test").fusion();
        assertThat(quarantine.trust().toSettings()).isEqualTo(new io.bayesfuse.kernels.fusion.trust.TrustSettings(0.99,
                io.bayesfuse.kernels.fusion.trust.TrustAction.QUARANTINE, 5));
    }

    @Test
    void invalidTrustSettingsAreReportedEachWithItsPath() {
        assertThat(problemsOf("""
                fusion: {method: product, trust: {test: z-score, probability: 1.0, action: ignore, readmitAfter: 0}}
                """).problems()).containsExactlyInAnyOrder(
                "fusion.trust.test: is 'z-score', expected one of [chi-square, max-z]",
                "fusion.trust.probability: is 1.0, must lie strictly between 0 and 1",
                "fusion.trust.action: is 'ignore', expected one of [down-weight, none, quarantine]",
                "fusion.trust.readmitAfter: is 0, must be at least 1");
        assertThat(problemsOf("fusion: {method: product, trust: {action: none, readmitAfter: 2}}").problems())
                .containsExactly("fusion.trust.readmitAfter: applies only to action quarantine (action is none)");
    }

    @Test
    void trustIsAcceptedForTheGaussianFisherAndMixtureRules() {
        for (String method : List.of("product", "covariance-intersection", "fisher", "mixture-product")) {
            FusionConfig config = ConfigLoader.parse("fusion: {method: " + method + ", trust: {action: quarantine}}", "test").fusion();
            assertThat(config.trust().toSettings().action()).as(method)
                    .isEqualTo(io.bayesfuse.kernels.fusion.trust.TrustAction.QUARANTINE);
        }
    }

    @Test
    void theMaxZTestIsForFisherOnly() {
        FusionConfig fisher = ConfigLoader.parse("fusion: {method: fisher, trust: {test: max-z}}", "test").fusion();
        assertThat(fisher.trust().toSettings().test()).isEqualTo(io.bayesfuse.kernels.fusion.trust.TrustTest.MAX_Z);
        assertThat(problemsOf("quantities: {q: {method: product, trust: {test: max-z}}}").problems())
                .containsExactly("quantities.q.trust.test: max-z applies only to method fisher (method is product)");
    }

    @Test
    void trustIsRefusedForTheSampleRulesAndTracksNamingTheSetting() {
        assertThat(problemsOf("fusion: {method: dc-fusion, trust: {action: quarantine}}").problems())
                .containsExactly("fusion.trust: applies only to methods [covariance-intersection, fisher, mixture-product, product]"
                        + " (method is dc-fusion, whose fusion of draws has no leave-one-out test)");
        assertThat(problemsOf("quantities: {q: {method: consensus-monte-carlo, trust: {}}}").problems())
                .containsExactly("quantities.q.trust: applies only to methods [covariance-intersection, fisher, mixture-product,"
                        + " product] (method is consensus-monte-carlo, whose fusion of draws has no leave-one-out test)");
        assertThat(problemsOf("""
                motionModels:
                  cv: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                fusion: {method: product, motionModel: cv, trust: {}}
                """).problems())
                .containsExactly("fusion.trust: is not available for tracks (a quantity with a motionModel) so far");
    }
}
