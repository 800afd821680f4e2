package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.extension.ModelExtensions;
import io.bayesfuse.kernels.extension.ModelParameters;
import io.bayesfuse.kernels.measurement.LinearMeasurement;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingElevationMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.SensorConfig.MeasurementConfig;

/** The kernels' {@link MeasurementModel} of a validated {@code sensors.<id>.measurement} setting. */
public final class MeasurementModelFactory {

    private MeasurementModelFactory() {
    }

    /** The measurement model of sensor {@code id} (under {@code path}) for a state of {@code layout}; validated configuration. */
    public static MeasurementModel measurementModel(String path, String id, MeasurementConfig m, StateLayout layout) {
        String subject = "sensor '" + id + "'";
        if (m.isExtension()) {
            return Extensions.make(path + ".measurement", () -> ModelExtensions.installed().measurement(m.type())
                    .create(new ModelParameters(subject, m.parameters())));
        }
        return switch (m.kind()) {
            case POSITION -> {
                if (!layout.isKinematic()) {
                    throw new ConfigException(path + ".measurement.type", "is position but the filter's motion model "
                            + "has no positions (" + layout + "): use a linear measurement with H");
                }
                yield new PositionMeasurement(layout.axes());
            }
            case RANGE_BEARING -> new RangeBearingMeasurement(m.origin()[0], m.origin()[1]);
            case RANGE_BEARING_ELEVATION -> new RangeBearingElevationMeasurement(m.origin()[0], m.origin()[1], m.origin()[2]);
            case LINEAR -> new LinearMeasurement(subject, m.H(), layout);
            case STATE_EVIDENCE -> new StateEvidenceMeasurement(subject, m.components(), m.priorCovariance(), m.priorMean(), layout);
        };
    }
}
