package io.bayesfuse.kernels.entity;

import java.util.Arrays;
import java.util.Objects;

/**
 * One measurement of an entity (FORMAT.md {@code input.jsonl}): the sensor that made it, its
 * event time in epoch milliseconds, the value z and optionally a covariance R that overrides the
 * sensor's for this measurement. Validated against the sensor when it is processed.
 *
 * @param sensorId  the sensor's id in the configuration
 * @param timestamp epoch milliseconds (event time)
 * @param z         the measured value
 * @param R         this measurement's noise covariance, or null for the sensor's
 */
public record Measurement(String sensorId, long timestamp, double[] z, double[][] R) {

    public Measurement {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(z, "z");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measurement m && m.sensorId.equals(sensorId) && m.timestamp == timestamp
                && Arrays.equals(m.z, z) && Arrays.deepEquals(m.R, R);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, timestamp) * 31 + Arrays.hashCode(z);
    }

    @Override
    public String toString() {
        return "Measurement[" + sensorId + " @" + timestamp + " z=" + Arrays.toString(z)
                + (R == null ? "" : " R=" + Arrays.deepToString(R)) + "]";
    }
}
