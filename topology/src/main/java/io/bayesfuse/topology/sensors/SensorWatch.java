package io.bayesfuse.topology.sensors;

import io.bayesfuse.avro.ChangepointAction;
import io.bayesfuse.kernels.changepoint.ChangepointDetector;
import io.bayesfuse.topology.assembly.ChangepointDetectorFactory;
import io.bayesfuse.topology.config.ChangepointConfig;
import io.bayesfuse.topology.config.ChangepointModel;
import io.bayesfuse.topology.config.SensorConfig;

/**
 * What the filter stage watches on one sensor, compiled from its configuration: whether its R is
 * learned (so the newest learned R is recorded for display), and its changepoint detector (built by
 * {@link ChangepointDetectorFactory}) with the action a detection triggers (an R inflation is applied
 * by the kernels' {@link io.bayesfuse.kernels.entity.NoiseInflation}, see
 * {@link SensorState#noiseInflation()}). One per sensor per compiled configuration, used by one stream
 * task (the detector is a preallocated engine, not thread-safe).
 *
 * @param sensorId   the sensor
 * @param adaptive   whether the sensor's R is learned online
 * @param detector   the changepoint detector, or null when detection is off
 * @param model      what the detector watches, or null when detection is off
 * @param channel    the watched measurement component (channel model)
 * @param action     what a detection does
 * @param factor     inflate-r: the factor
 * @param durationMillis inflate-r: for how long, event time
 */
public record SensorWatch(String sensorId, boolean adaptive, ChangepointDetector detector, ChangepointModel model,
                          int channel, ChangepointAction action, double factor, long durationMillis) {

    /** The watch of a sensor, or null when it has neither adaptive noise nor changepoint detection. */
    public static SensorWatch compile(String sensorId, SensorConfig config) {
        boolean adaptive = config.adaptation() != null && config.adaptation().enabled();
        ChangepointConfig c = config.changepoint();
        boolean detects = c != null && c.on();
        if (!adaptive && !detects) {
            return null;
        }
        if (!detects) {
            return new SensorWatch(sensorId, true, null, null, -1, ChangepointAction.NONE, 1, 0);
        }
        ChangepointDetector detector = ChangepointDetectorFactory.detector(sensorId, c, config.R());
        ChangepointConfig.ActionConfig a = c.actionOrDefault();
        ChangepointAction action = switch (a.kind()) {
            case NONE -> ChangepointAction.NONE;
            case INFLATE_R -> ChangepointAction.INFLATE_R;
            case RESET_ENTITIES -> ChangepointAction.RESET_ENTITIES;
        };
        return new SensorWatch(sensorId, adaptive, detector, c.modelOrDefault(),
                c.channel() == null ? -1 : c.channel(), action, a.factorOrDefault(), a.durationMillisOrDefault());
    }

    public boolean detects() {
        return detector != null;
    }
}
