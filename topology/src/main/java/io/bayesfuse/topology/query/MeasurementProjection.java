package io.bayesfuse.topology.query;

import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.MeasurementType;
import io.bayesfuse.topology.config.SensorConfig;

import java.util.List;

/**
 * Places a measurement on the map, where its sensor's model says the measured thing is: a
 * position measurement at its first two components; a range-bearing (or range-bearing-elevation)
 * measurement at origin + r·(cos b, sin b) (the ground range r·cos(elevation) for the latter).
 * Measurements of other kinds (state evidence on velocities, linear) have no place: null.
 */
public final class MeasurementProjection {

    private final BayesfuseConfig config;

    public MeasurementProjection(BayesfuseConfig config) {
        this.config = config;
    }

    /** {x, y} of measurement {@code z} of sensor {@code sensorId}, or null. */
    public double[] place(String sensorId, List<Double> z) {
        SensorConfig sensor = config.sensors().get(sensorId);
        if (sensor == null || z == null) {
            return null;
        }
        for (Double v : z) {
            if (v == null || !Double.isFinite(v)) {
                return null;
            }
        }
        MeasurementType type = sensor.measurement().kind();
        if (type == null) {
            return null;   // an extension's measurement: its geometry is its own
        }
        return switch (type) {
            case POSITION -> z.size() >= 2 ? new double[]{z.get(0), z.get(1)} : null;
            case RANGE_BEARING, RANGE_BEARING_ELEVATION -> {
                if (z.size() < 2) {
                    yield null;
                }
                double[] origin = sensor.measurement().origin();
                double ground = type == MeasurementType.RANGE_BEARING || z.size() < 3 ? z.get(0) : z.get(0) * Math.cos(z.get(2));
                yield new double[]{origin[0] + ground * Math.cos(z.get(1)), origin[1] + ground * Math.sin(z.get(1))};
            }
            default -> null;
        };
    }

    /** The origin of a sensor that measures from a place (range-bearing), or null. */
    public double[] origin(String sensorId) {
        SensorConfig sensor = config.sensors().get(sensorId);
        if (sensor == null || sensor.measurement().origin() == null) {
            return null;
        }
        double[] origin = sensor.measurement().origin();
        return new double[]{origin[0], origin[1]};
    }
}
