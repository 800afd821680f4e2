package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.RecordKeys;

import java.util.List;

/**
 * Checks a measurement record for what only the stream can know (its key, its event time against
 * the Kafka timestamp) and translates it into the kernels' {@link Measurement}. Everything about
 * the values themselves (sensor, dimension, finiteness, R) is the kernels' to check.
 */
public final class Measurements {

    private Measurements() {
    }

    /**
     * @param key             the record key (the entity id)
     * @param m               the measurement
     * @param recordTimestamp the record's timestamp as Kafka Streams sees it
     * @param maxFutureMillis how far the event time may lie ahead of the record's timestamp
     * @throws DeadLetterException KEY_MISMATCH, MISSING_TIMESTAMP or FUTURE_TIMESTAMP
     */
    public static Measurement toKernel(String key, io.bayesfuse.avro.Measurement m, long recordTimestamp, long maxFutureMillis) {
        if (key == null || !key.equals(m.getEntityId())) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "measurement of entity '" + m.getEntityId()
                    + "' arrived with " + RecordKeys.describe(key) + ": measurements must be keyed by their entity id");
        }
        if (m.getTimestamp() == null) {
            throw new DeadLetterException(DeadLetterReason.MISSING_TIMESTAMP, "measurement of entity '" + key
                    + "' from sensor '" + m.getSensorId() + "' has no timestamp; filtering runs on event time");
        }
        long time = m.getTimestamp().toEpochMilli();
        if (recordTimestamp >= 0 && time > recordTimestamp + maxFutureMillis) {
            throw new DeadLetterException(DeadLetterReason.FUTURE_TIMESTAMP, "measurement of entity '" + key
                    + "' is timed " + m.getTimestamp() + ", " + (time - recordTimestamp) + " ms after its record's timestamp "
                    + java.time.Instant.ofEpochMilli(recordTimestamp) + " (at most " + maxFutureMillis + " ms allowed)");
        }
        return new Measurement(m.getSensorId(), time, doubles(m.getZ()), covariance(m.getR()));
    }

    private static double[][] covariance(Object R) {
        if (R == null) {
            return null;
        }
        if (R instanceof DiagonalCovariance diagonal) {
            double[] d = doubles(diagonal.getVariances());
            double[][] rows = new double[d.length][d.length];
            for (int i = 0; i < d.length; i++) {
                rows[i][i] = d[i];
            }
            return rows;
        }
        Matrix m = ((FullCovariance) R).getMatrix();
        if ((long) m.getRows() * m.getCols() != m.getValues().size() || m.getRows() < 0) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, "measurement: R is declared "
                    + m.getRows() + "x" + m.getCols() + " but holds " + m.getValues().size() + " values");
        }
        double[][] rows = new double[m.getRows()][m.getCols()];
        for (int i = 0, k = 0; i < m.getRows(); i++) {
            for (int j = 0; j < m.getCols(); j++) {
                rows[i][j] = m.getValues().get(k++);
            }
        }
        return rows;
    }

    private static double[] doubles(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            Double v = values.get(i);
            a[i] = v == null ? Double.NaN : v;
        }
        return a;
    }
}
