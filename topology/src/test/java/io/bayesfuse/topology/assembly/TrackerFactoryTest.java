package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.InformationFilter;
import io.bayesfuse.kernels.filter.InteractingMultipleModel;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerFactoryTest {

    private static final String MODELS = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
              ca: {type: constant-acceleration, axes: 2, processNoise: {type: discrete-white-noise, variance: 0.2}}
            sensors:
              gps: {measurement: {type: position}, R: [[4, 0], [0, 4]], gate: {probability: 0.999}}
              radar: {measurement: {type: range-bearing, origin: [-200, -150]}, R: [[1, 0], [0, 0.0001]]}
            """;

    private static EntityTracker build(String filter) {
        return TrackerFactory.create(ConfigLoader.parse(MODELS + filter, "test"));
    }

    private static final String CV_PRIOR = "initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}";

    @Test
    void buildsEachFilterKind() {
        assertThat(build("filter: {type: ekf, motionModel: cv, " + CV_PRIOR + "}").filter()).isInstanceOf(ExtendedKalmanFilter.class);
        assertThat(build("filter: {type: ukf, motionModel: cv, ukf: {alpha: 0.5}, " + CV_PRIOR + "}").filter()).isInstanceOf(UnscentedKalmanFilter.class);
        assertThat(build("filter: {type: information, motionModel: cv, " + CV_PRIOR + "}").filter()).isInstanceOf(InformationFilter.class);
        assertThat(build("filter: {type: particle, motionModel: cv, particle: {particles: 100, seed: 3}, " + CV_PRIOR + "}").filter())
                .isInstanceOf(ParticleFilter.class);
        EntityTracker imm = build("""
                filter:
                  type: imm
                  imm: {models: [cv, ca], transition: [[0.9, 0.1], [0.1, 0.9]]}
                  initial: {x: [0, 1, 0, 0, 1, 0], P: [[25, 0, 0, 0, 0, 0], [0, 4, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 25, 0, 0], [0, 0, 0, 0, 4, 0], [0, 0, 0, 0, 0, 1]]}
                """);
        assertThat(imm.filter()).isInstanceOf(InteractingMultipleModel.class);
        TrackingResult result = imm.process("t1", null, new Measurement("radar", 1000, new double[]{250, 0.65}, null));
        assertThat(result.status()).isEqualTo(EntityStatus.UPDATED);
        assertThat(result.x()).hasSize(6);
    }

    @Test
    void aLinearKalmanFilterWithANonlinearSensorIsAConfigurationError() {
        assertThatThrownBy(() -> build("filter: {type: kf, motionModel: cv, " + CV_PRIOR + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: filter.type: is a linear Kalman filter but sensors.radar has a "
                        + "nonlinear range-bearing measurement: use ekf or ukf");
    }

    @Test
    void aPositionSensorsRMustMatchTheMotionModelsAxes() {
        assertThatThrownBy(() -> TrackerFactory.create(ConfigLoader.parse("""
                motionModels:
                  ca3: {type: constant-acceleration, axes: 3, processNoise: {type: discrete-white-noise, variance: 0.2}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter: {type: kf, motionModel: ca3, initial: {x: [0, 0, 0, 0, 0, 0, 0, 0, 0], P: [[1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 0, 0, 1]]}}
                """, "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: sensors.gps.R: is 2x2 but its position of 3 axes has 3 components");
    }

    @Test
    void aPriorOfTheWrongSizeOrNotPositiveDefiniteIsNamed() {
        assertThatThrownBy(() -> build("filter: {type: ekf, motionModel: ca, " + CV_PRIOR + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("filter.initial.x: has 4 components but the state of ca has 6");
        assertThatThrownBy(() -> build("filter: {type: ekf, motionModel: cv, initial: {x: [0, 0, 0, 0], P: [[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: filter.initial.P: is not positive definite");
    }

    @Test
    void aSensorRThatIsNotPositiveDefiniteIsNamed() {
        assertThatThrownBy(() -> TrackerFactory.create(ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                sensors:
                  gps: {measurement: {type: position}, R: [[1, 2], [2, 1]]}
                filter: {type: kf, motionModel: cv, initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}}
                """, "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid configuration: sensors.gps.R: is not positive definite");
    }

    @Test
    void aPositionSensorOnALinearModelIsRefused() {
        assertThatThrownBy(() -> TrackerFactory.create(ConfigLoader.parse("""
                motionModels:
                  drift: {type: linear, F: [[1, 0], [0, 1]], Q: [[1, 0], [0, 1]]}
                sensors:
                  gps: {measurement: {type: position}, R: [[4]]}
                filter: {type: kf, motionModel: drift, initial: {x: [0, 0], P: [[1, 0], [0, 1]]}}
                """, "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sensors.gps.measurement.type: is position but the filter's motion model has no positions");
    }

    @Test
    void immModelsMustNestInTheLargestModelsState() {
        assertThatThrownBy(() -> TrackerFactory.create(ConfigLoader.parse("""
                motionModels:
                  cv3: {type: constant-velocity, axes: 3, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                  ca2: {type: constant-acceleration, axes: 2, processNoise: {type: discrete-white-noise, variance: 0.2}}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0], [0, 4]]}
                filter:
                  type: imm
                  imm: {models: [cv3, ca2], transition: [[0.9, 0.1], [0.1, 0.9]]}
                  initial: {x: [0, 0, 0, 0, 0, 0], P: [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]}
                """, "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("filter.imm.models[1]: 'ca2' (2 axes of order 2 (6 states)) holds a quantity that the largest model 'cv3'");
    }
}
