package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.FusionConfig;

/** The kernels' {@link TimeAlignment} of a fused track: its sources predicted to a common time by the configured motion model. */
public final class AlignmentFactory {

    private AlignmentFactory() {
    }

    /**
     * The time alignment of validated fusion settings under {@code path}, or null for a static quantity.
     *
     * @throws ConfigException when a flat prior's size is not the motion model's state size
     */
    public static TimeAlignment alignment(BayesfuseConfig config, FusionConfig fusion, String path) {
        if (!fusion.isDynamic()) {
            return null;
        }
        MotionModel model = MotionModelFactory.motionModel(fusion.motionModel(), config.motionModels().get(fusion.motionModel()));
        if (fusion.prior() != null && fusion.prior().dimension() != model.stateSize()) {
            throw new ConfigException(path + ".prior", "has " + fusion.prior().dimension() + " components but the state of"
                    + " motion model '" + fusion.motionModel() + "' has " + model.stateSize());
        }
        return new TimeAlignment(model);
    }
}
