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

    /** The motion model {@code id}; its configuration has been validated. */
    public static MotionModel motionModel(String id, MotionModelConfig config) {
        if (config.isExtension()) {
            return Extensions.make("motionModels." + id, () -> ModelExtensions.installed().motion(config.type())
                    .create(new ModelParameters("motion model '" + id + "'", config.parameters())));
        }
        if (!config.isKinematic()) {
            try {
                return new LinearMotionModel("motion model '" + id + "'", config.F(), config.Q(),
                        StateLayout.unstructured(config.F().length));
            } catch (InvalidInputException ex) {
                throw new ConfigException("motionModels." + id + "." + SettingErrors.settingOf(ex), SettingErrors.detailOf(ex));
            }
        }
        ProcessNoise noise = switch (config.processNoise().type()) {
            case "continuous-white-noise" -> new ContinuousWhiteNoise(config.processNoise().spectralDensity());
            case "discrete-white-noise" -> new DiscreteWhiteNoise(config.processNoise().variance());
            default -> throw new ConfigException("motionModels." + id + ".processNoise.type",
                    "is '" + config.processNoise().type() + "'");
        };
        return switch (config.type()) {
            case "constant-velocity" -> KinematicModel.constantVelocity(config.axes(), noise);
            case "constant-acceleration" -> KinematicModel.constantAcceleration(config.axes(), noise);
            case "random-walk" -> KinematicModel.randomWalk(config.axes(), noise);
            case "coordinated-turn" -> new CoordinatedTurnModel(noise, config.turnRateNoise());
            default -> throw new ConfigException("motionModels." + id + ".type", "is '" + config.type() + "'");
        };
    }
}
