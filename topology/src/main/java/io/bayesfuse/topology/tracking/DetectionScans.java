package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.topology.deadletter.DeadLetterException;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a detection scan record for what only the stream can know (its key, its event time against
 * the Kafka timestamp) and translates it into the kernels' {@link Scan}. Everything about the values
 * (sensor, dimensions, finiteness, R) is the kernels' to check.
 */
public final class DetectionScans {

    private DetectionScans() {
    }

    /**
     * @throws DeadLetterException KEY_MISMATCH, MISSING_TIMESTAMP, FUTURE_TIMESTAMP or WRONG_DIMENSION (an R whose
     *                             declared shape does not match its values)
     */
    public static Scan toKernel(String key, DetectionScan scan, long recordTimestamp, long maxFutureMillis) {
        if (key == null || !key.equals(scan.getRegion())) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "scan of region '" + scan.getRegion()
                    + "' arrived with key '" + key + "': detection scans must be keyed by their region");
        }
        if (scan.getTimestamp() == null) {
            throw new DeadLetterException(DeadLetterReason.MISSING_TIMESTAMP, "scan of region '" + key + "' by sensor '"
                    + scan.getSensorId() + "' has no timestamp; tracking runs on event time");
        }
        long time = scan.getTimestamp().toEpochMilli();
        if (recordTimestamp >= 0 && time > recordTimestamp + maxFutureMillis) {
            throw new DeadLetterException(DeadLetterReason.FUTURE_TIMESTAMP, "scan of region '" + key + "' is timed "
                    + scan.getTimestamp() + ", " + (time - recordTimestamp) + " ms after its record's timestamp "
                    + java.time.Instant.ofEpochMilli(recordTimestamp) + " (at most " + maxFutureMillis + " ms allowed)");
        }
        List<Detection> detections = new ArrayList<>(scan.getDetections().size());
        for (int i = 0; i < scan.getDetections().size(); i++) {
            io.bayesfuse.avro.Detection d = scan.getDetections().get(i);
            detections.add(new Detection(doubles(d.getZ()), covariance(key, i, d.getR())));
        }
        return new Scan(scan.getSensorId(), time, detections);
    }

    /** A scan's detections back in Avro (for tests and producers of the same data). */
    public static DetectionScan toAvro(String region, Scan scan) {
        List<io.bayesfuse.avro.Detection> detections = new ArrayList<>();
        for (Detection d : scan.detections()) {
            FullCovariance R = null;
            if (d.R() != null) {
                List<Double> values = new ArrayList<>();
                for (double[] row : d.R()) {
                    for (double v : row) {
                        values.add(v);
                    }
                }
                R = new FullCovariance(new Matrix(d.R().length, d.R().length, values));
            }
            List<Double> z = new ArrayList<>();
            for (double v : d.z()) {
                z.add(v);
            }
            detections.add(io.bayesfuse.avro.Detection.newBuilder().setZ(z).setR(R).build());
        }
        return DetectionScan.newBuilder().setRegion(region).setSensorId(scan.sensorId())
                .setTimestamp(java.time.Instant.ofEpochMilli(scan.timestamp())).setDetections(detections).build();
    }

    private static double[][] covariance(String region, int index, Object R) {
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
        if (m.getRows() < 0 || (long) m.getRows() * m.getCols() != m.getValues().size()) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, "scan of region '" + region + "': detections["
                    + index + "].R is declared " + m.getRows() + "x" + m.getCols() + " but holds " + m.getValues().size() + " values");
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
