package io.bayesfuse.kernels.entity;

import org.ejml.data.DMatrixRMaj;

/**
 * After a change detected on a sensor: its measurements made before {@code untilMillis} (event time)
 * are filtered with {@code factor}·R, the sensor's configured R widened, so the filter trusts a
 * sensor that has just changed less while its estimate settles. A measurement that carries its own R
 * keeps it. The widened R becomes the measurement's own R: the history keeps it, and an adaptive
 * sensor does not learn from a measurement with an R of its own, so the inflation never leaks into
 * the learned noise.
 *
 * @param factor      the factor R is multiplied by (above 1)
 * @param untilMillis the event time from which measurements are filtered with R again
 */
public record NoiseInflation(double factor, long untilMillis) implements NoisePolicy {

    @Override
    public Measurement admit(Sensor sensor, Measurement m) {
        return inflates(m) ? new Measurement(m.sensorId(), m.timestamp(), m.z(), inflated(sensor.R())) : m;
    }

    /** Whether {@code m} is filtered with the inflated R: made before the end, with no R of its own. */
    public boolean inflates(Measurement m) {
        return m.R() == null && m.timestamp() < untilMillis;
    }

    /** factor·R, row by row. */
    private double[][] inflated(DMatrixRMaj R) {
        double[][] rows = new double[R.numRows][R.numCols];
        for (int i = 0; i < R.numRows; i++) {
            for (int j = 0; j < R.numCols; j++) {
                rows[i][j] = factor * R.unsafe_get(i, j);
            }
        }
        return rows;
    }
}
