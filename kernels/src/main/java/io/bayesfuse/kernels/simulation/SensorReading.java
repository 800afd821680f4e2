package io.bayesfuse.kernels.simulation;

/**
 * One simulated reading.
 *
 * @param entityId the entity it is about
 * @param sensorId the sensor that made it
 * @param time     when it was taken (ms since start): the measurement's event time
 * @param z        the measurement vector
 * @param R        its own noise covariance (the learned feed's per-reading Q(z)), or null to use
 *                 the sensor's configured R
 * @param kind     what it really is
 */
public record SensorReading(String entityId, String sensorId, long time, double[] z, double[][] R, ReadingKind kind) {
}
