package io.bayesfuse.topology.config;

import io.bayesfuse.topology.assembly.TrackerFactory;
import io.bayesfuse.topology.tracking.RegionTrackers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each setting below is checked by the kernel's own helper (the one its constructor calls); the
 * configuration reports the complaint under the setting's path, with every other problem of the file.
 */
class KernelChecksInConfigurationTest {

    private static final String MODELS = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
              ca: {type: constant-acceleration, axes: 2, processNoise: {type: discrete-white-noise, variance: 0.2}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
            """;
    private static final String CV_PRIOR = "initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}";
    private static final String TRACKING = """
            tracking:
              motionModel: cv
              detectionProbability: 0.9
              clutterDensity: 1.0e-6
              initiation: {type: m-of-n, m: 2, n: 3}
              deletion: {misses: 2}
              birth: {P: [[9, 0, 0, 0], [0, 100, 0, 0], [0, 0, 9, 0], [0, 0, 0, 100]]}
            """;

    private static List<String> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void theParticleCountAndResampleThresholdAreNamed() {
        assertThat(problems(MODELS + "filter: {type: particle, motionModel: cv, particle: {particles: 1, resampleThreshold: 1.5}, "
                + CV_PRIOR + "}")).containsExactly(
                "filter.particle.particles: is 1, must be at least 2",
                "filter.particle.resampleThreshold: is 1.5, must lie in [0, 1]");
    }

    @Test
    void theSigmaPointParametersAreNamed() {
        assertThat(problems(MODELS + "filter: {type: ukf, motionModel: cv, ukf: {alpha: 0}, " + CV_PRIOR + "}"))
                .containsExactly("filter.ukf.alpha: is 0.0, must be a finite number > 0");
        Problems problems = new Problems();
        new FilterConfig.UkfConfig(Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY).validate("filter.ukf", problems);
        assertThatThrownBy(problems::throwIfAny).satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                "filter.ukf.alpha: is Infinity, must be a finite number > 0",
                "filter.ukf.beta: is NaN, must be finite",
                "filter.ukf.kappa: is -Infinity, must be finite"));
    }

    @Test
    void aKappaTooSmallForTheMotionModelsStateIsNamedWhenTheFilterIsBuilt() {
        BayesfuseConfig config = ConfigLoader.parse(MODELS + "filter: {type: ukf, motionModel: cv, ukf: {kappa: -4}, " + CV_PRIOR + "}", "test");
        assertThatThrownBy(() -> TrackerFactory.create(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: filter.ukf.kappa: is -4.0, must exceed -n = -4 for a state of 4 components "
                        + "(n + λ = α²(n + κ) must be positive)");
        BayesfuseConfig tracking = ConfigLoader.parse(MODELS + TRACKING.replace("motionModel: cv", "motionModel: cv\n  filter: ukf\n  ukf: {kappa: -5}"), "test");
        assertThatThrownBy(() -> RegionTrackers.create(tracking))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.ukf.kappa: is -5.0, must exceed -n = -4");
    }

    @Test
    void theImmModesTransitionMatrixAndInitialProbabilitiesAreNamed() {
        String prior = "initial: {x: [0, 1, 0, 0, 1, 0], P: [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], "
                + "[0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]}";
        assertThat(problems(MODELS + "filter: {type: imm, imm: {models: [cv, ca], transition: [[0.9, 0.1], [0.2, 0.7]], "
                + "probabilities: [0.5, 0.5, 0]}, " + prior + "}")).containsExactly(
                "filter.imm.transition[1]: sums to 0.8999999999999999, must sum to 1",
                "filter.imm.probabilities: has 3 entries but there are 2 models");
        assertThat(problems(MODELS + "filter: {type: imm, imm: {models: [cv, ca], transition: [[0.9, 0.1], [0.1, 0.9], [0, 1]], "
                + "probabilities: [1.5, -0.5]}, " + prior + "}")).containsExactly(
                "filter.imm.transition: has 3 rows but there are 2 models",
                "filter.imm.probabilities: holds 1.5, probabilities must lie in [0, 1]");
        assertThat(problems(MODELS + "filter: {type: imm, imm: {models: [cv], transition: [[1]]}, " + CV_PRIOR + "}"))
                .containsExactly("filter.imm.models: lists 1 model(s), an IMM needs at least 2");
    }

    @Test
    void theTurnRateNoiseIsNamed() {
        assertThat(problems("""
                motionModels:
                  ct: {type: coordinated-turn, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}, turnRateNoise: -1.0e-4}
                """)).contains("motionModels.ct.turnRateNoise: is -1.0E-4, must be a finite number >= 0");
    }

    @Test
    void theJpdaBoundInitiationAndDeletionAreNamed() {
        assertThat(problems(MODELS + TRACKING.replace("m: 2, n: 3", "m: 0, n: 3")
                .replace("deletion: {misses: 2}", "deletion: {misses: 0, maxPositionVariance: -1}")
                + "  jpda: {maxHypotheses: 0}\n")).containsExactlyInAnyOrder(
                "tracking.jpda.maxHypotheses: is 0, must be at least 1",
                "tracking.initiation.m: is 0, must be at least 1",
                "tracking.deletion.misses: is 0, must be at least 1",
                "tracking.deletion.maxPositionVariance: is -1.0, must be a finite number > 0");
    }

    @Test
    void theDetectionProbabilityAndClutterDensityAreNamedWhereverTheyAreSet() {
        assertThat(problems(MODELS + TRACKING.replace("detectionProbability: 0.9", "detectionProbability: 0")
                .replace("clutterDensity: 1.0e-6", "clutterDensity: -1.0e-6")
                + "  sensors: {gps: {detectionProbability: 1.5}}\n"
                + "  regions: {harbour: {clutterDensity: 0}}\n")).containsExactlyInAnyOrder(
                "tracking.detectionProbability: is 0.0, must lie in (0, 1]",
                "tracking.clutterDensity: is -1.0E-6, must be a finite number > 0",
                "tracking.sensors.gps.detectionProbability: is 1.5, must lie in (0, 1]",
                "tracking.regions.harbour.clutterDensity: is 0.0, must be a finite number > 0");
    }
}
