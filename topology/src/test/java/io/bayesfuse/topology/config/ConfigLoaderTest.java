package io.bayesfuse.topology.config;

import org.junit.jupiter.api.Test;

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
                assertThat(config.filter() != null || config.fusion() != null).as(dir.toString()).isTrue();
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
                sensors:
                  radar: {measurement: {type: range-bearing}, R: [[1, 0], [0]], gate: {probability: 1.5}}
                filter: {type: xkf, motionModel: ca, initial: {x: [0, 1], P: [[1]]}}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "motionModels.cv.type: is 'constant-jerk', expected one of [constant-acceleration, constant-velocity]",
                        "motionModels.cv.axes: is 0, must be at least 1",
                        "motionModels.cv.processNoise.spectralDensity: is required",
                        "sensors.radar.measurement.origin: must be [x, y] for a range-bearing sensor",
                        "sensors.radar.R: must be square: it has 2 rows but row 1 has 1 entries",
                        "sensors.radar.gate.probability: is 1.5, must lie strictly between 0 and 1",
                        "filter.type: is 'xkf', expected one of [ekf, kf, ukf]",
                        "filter.motionModel: is 'ca' but motionModels defines [cv]",
                        "filter.initial.P: is 1x1 but x has 2 components"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/config.yaml")))
                .hasMessage("invalid configuration: config file: 'no/such/config.yaml' does not exist");
    }
}
