package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.extension.ModelExtensions;
import io.bayesfuse.kernels.extension.ModelParameters;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.CoordinatedTurnModel;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.LinearMotionModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.ProcessNoise;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.MotionModelConfig;

/** The kernels' {@link MotionModel} of a validated {@code motionModels.<id>} setting. */
public final class MotionModelFactory {

    private MotionModelFactory() {
    }

    /** The motion model {@code id}; its configuration has been validated (so its kinds are known). */
    public static MotionModel motionModel(String id, MotionModelConfig config) {
        if (config.isExtension()) {
            return Extensions.make("motionModels." + id, () -> ModelExtensions.installed().motion(config.type())
                    .create(new ModelParameters("motion model '" + id + "'", config.parameters())));
        }
        return switch (config.kind()) {
            case LINEAR -> linear(id, config);
            case CONSTANT_VELOCITY -> KinematicModel.constantVelocity(config.axes(), processNoise(config));
            case CONSTANT_ACCELERATION -> KinematicModel.constantAcceleration(config.axes(), processNoise(config));
            case RANDOM_WALK -> KinematicModel.randomWalk(config.axes(), processNoise(config));
            case COORDINATED_TURN -> new CoordinatedTurnModel(processNoise(config), config.turnRateNoise());
        };
    }

    private static MotionModel linear(String id, MotionModelConfig config) {
        try {
            return new LinearMotionModel("motion model '" + id + "'", config.F(), config.Q(),
                    StateLayout.unstructured(config.F().length));
        } catch (InvalidInputException ex) {
            throw new ConfigException("motionModels." + id + "." + SettingErrors.settingOf(ex), SettingErrors.detailOf(ex));
        }
    }

    private static ProcessNoise processNoise(MotionModelConfig config) {
        return switch (config.processNoise().kind()) {
            case CONTINUOUS_WHITE_NOISE -> new ContinuousWhiteNoise(config.processNoise().spectralDensity());
            case DISCRETE_WHITE_NOISE -> new DiscreteWhiteNoise(config.processNoise().variance());
        };
    }
}
