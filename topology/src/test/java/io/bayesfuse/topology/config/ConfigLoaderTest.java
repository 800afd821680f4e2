package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    static final Path REFERENCE = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));

    @Test
    void everyReferenceScenarioConfigurationLoads() throws Exception {
        assertThat(REFERENCE.resolve("FORMAT.md")).exists();
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                BayesfuseConfig config = ConfigLoader.load(dir.resolve("config.yaml"));
                assertThat(config.filter() != null || config.fusion() != null || config.tracking() != null).as(dir.toString()).isTrue();
            }
        }
    }

    @Test
    void readsUppercaseMatrixNames() {
        BayesfuseConfig config = ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 1, processNoise: {type: discrete-white-noise, variance: 0.2}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4.0]]}
                filter: {type: kf, motionModel: cv, initial: {x: [0, 1], P: [[1, 0], [0, 1]]}}
                """, "test");
        assertThat(config.sensors().get("gps").R()).isEqualTo(new double[][]{{4.0}});
        assertThat(config.filter().initial().P()).hasDimensions(2, 2);
    }

    @Test
    void anUnknownSettingIsNamedWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                sensors:
                  gps: {measurement: {type: position}, R: [[4.0]], gait: {probability: 0.9}}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sensors.gps.gait: is not a known setting");
    }

    @Test
    void everyInvalidSettingIsReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-jerk, axes: 0, processNoise: {type: continuous-white-noise}}
                  ca: {type: constant-acceleration, axes: 0, processNoise: {type: continuous-white-noise}}
                sensors:
                  radar: {measurement: {type: range-bearing}, R: [[1, 0], [0]], gate: {probability: 1.5}}
                filter: {type: xkf, motionModel: cv2, initial: {x: [0, 1], P: [[1]]}}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "motionModels.cv.type: is 'constant-jerk', expected one of [constant-acceleration, constant-velocity, "
                                + "coordinated-turn, linear, random-walk] or an installed extension's type []",
                        "motionModels.ca.axes: is 0, must be at least 1",
                        "motionModels.ca.processNoise.spectralDensity: is required",
                        "sensors.radar.measurement.origin: must be [x, y] for a range-bearing sensor",
                        "sensors.radar.R: must be square: it has 2 rows but row 1 has 1 entries",
                        "sensors.radar.gate.probability: is 1.5, must lie strictly between 0 and 1",
                        "filter.type: is 'xkf', expected one of [ekf, imm, information, kf, particle, ukf]",
                        "filter.motionModel: is 'cv2' but motionModels defines [ca, cv]",
                        "filter.initial.P: is 1x1 but x has 2 components"));
    }

    @Test
    void aFileWithThreeConfigurationErrorsReportsAllThree(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("three-errors.yaml");
        Files.writeString(file, """
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]], gait: {probability: 0.9}}
                filter:
                  type: kf
                  motionModel: cv
                  initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
                  outOfOrder: {historyMillis: soon}
                entities: {ttlMillis: -5}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems().get(0)).startsWith("sensors.gps.gait: is not a known setting (known here: ")
                            .endsWith(" in " + file);
                    assertThat(e.problems().get(1)).startsWith("filter.outOfOrder.historyMillis: ").contains("\"soon\"");
                    assertThat(e.problems().get(2))
                            .isEqualTo("entities.ttlMillis: is -5, must be > 0 (leave it out to keep entities forever)");
                    assertThat(e.getMessage()).startsWith("invalid configuration:\n  - sensors.gps.gait");
                });
    }

    @Test
    void aSettingOfTheWrongTypeIsReportedOnceNotAlsoAsMissing() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: two, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                """, "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("motionModels.cv.axes: ").contains("\"two\"").endsWith(" in test"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/config.yaml")))
                .hasMessage("invalid configuration: config file: 'no/such/config.yaml' does not exist");
    }

    @Test
    void everyNewModelAndFilterKindReadsFromYaml() {
        BayesfuseConfig config = ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 3, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                  ca: {type: constant-acceleration, axes: 3, processNoise: {type: discrete-white-noise, variance: 0.2}}
                  walk: {type: random-walk, axes: 3, processNoise: {type: continuous-white-noise, spectralDensity: 1}}
                  drift: {type: linear, F: [[1, 0.1], [0, 1]], Q: [[0.01, 0], [0, 0.01]]}
                sensors:
                  radar: {measurement: {type: range-bearing-elevation, origin: [1, 2, 3]}, R: [[1, 0, 0], [0, 0.01, 0], [0, 0, 0.01]]}
                  doppler: {measurement: {type: linear, H: [[0, 1, 0, 0, 0, 0, 0, 0, 0]]}, R: [[0.5]]}
                  net: {measurement: {type: state-evidence, components: [0, 3], priorCovariance: [[100, 0], [0, 100]], priorMean: [0, 0]}, R: [[1, 0], [0, 1]]}
                filter:
                  type: imm
                  imm: {models: [cv, ca], transition: [[0.95, 0.05], [0.05, 0.95]], probabilities: [0.5, 0.5], modeFilter: ukf}
                  ukf: {alpha: 0.5, beta: 2, kappa: 0}
                  initial: {x: [0, 0, 0, 0, 0, 0, 0, 0, 0], P: [[1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 0, 0, 1]]}
                  outOfOrder: {historyMillis: 500, maxMeasurements: 50}
                """, "test");
        assertThat(config.motionModels().get("drift").F()).hasDimensions(2, 2);
        assertThat(config.sensors().get("net").measurement().components()).containsExactly(0, 3);
        assertThat(config.filter().motionModelIds()).containsExactly("cv", "ca");
        assertThat(config.filter().outOfOrder().maxMeasurements()).isEqualTo(50);
    }

    @Test
    void settingsOfOtherKindsAreNamedAsUnused() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                motionModels:
                  drift: {type: linear, axes: 2, F: [[1]], Q: [[1, 0], [0, 1]]}
                sensors:
                  gps: {measurement: {type: position, H: [[1, 0]]}, R: [[4.0]]}
                  radar: {measurement: {type: range-bearing, origin: [0, 0]}, R: [[1]]}
                  net: {measurement: {type: state-evidence, components: [0], priorCovariance: [[1, 0], [0, 1]]}, R: [[1]]}
                filter: {type: particle, motionModel: drift, particle: {particles: 1, resampleThreshold: 2}, imm: {models: [drift]}, initial: {x: [0], P: [[1]]}}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "motionModels.drift.axes: is not used by a motion model of type linear",
                        "motionModels.drift.Q: is 2x2 but F is 1x1",
                        "sensors.gps.measurement.H: is only used by a linear measurement",
                        "sensors.radar.R: is 1x1 but a range-bearing measurement has 2 components",
                        "sensors.net.measurement.priorCovariance: is 2x2 but components lists 1 states",
                        "filter.imm: is only used by an imm filter",
                        "filter.particle.particles: is 1, must be at least 2",
                        "filter.particle.resampleThreshold: is 2.0, must lie in [0, 1]"));
    }

    @Test
    void anImmNeedsValidModelsAndAStochasticTransitionMatrix() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 1, processNoise: {type: discrete-white-noise, variance: 0.2}}
                filter:
                  type: imm
                  motionModel: cv
                  imm: {models: [cv, ct], transition: [[0.9, 0.2], [0.5, 0.5]], modeFilter: pf}
                  initial: {x: [0, 1], P: [[1, 0], [0, 1]]}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "filter.motionModel: is not used by an imm filter: list the models in imm.models",
                        "filter.imm.models[1]: is 'ct' but motionModels defines [cv]",
                        "filter.imm.transition[0]: sums to 1.1, must sum to 1",
                        "filter.imm.modeFilter: is 'pf', expected one of [ekf, kf, ukf]"));
    }

    @Test
    void aSensorRIsCheckedOnceWhenTheFileIsLoadedWithEveryOtherProblemOfTheFile() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[1, 2], [2, 1]]}
                  tag: {measurement: {type: position}, R: [[1, 0.5], [0.25, 1]]}
                  radar: {measurement: {type: range-bearing, origin: [0, 0]}, R: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}
                filter: {type: ekf, motionModel: cv, initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "sensors.gps.R: is not positive definite",
                        "sensors.tag.R: is not symmetric (relative asymmetry 0.25)",
                        "sensors.radar.R: is 3x3 but a range-bearing measurement has 2 components"));
    }
}
