package io.bayesfuse.app.simulate;

import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.simulation.LearnerPosterior;
import io.bayesfuse.kernels.simulation.SensorReading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Avro records of simulated events; times are the simulation's plus a start epoch. */
public final class SimulationRecords {

    private SimulationRecords() {
    }

    /** A reading as a {@code Measurement} (key: the entity id). */
    public static Measurement measurement(SensorReading reading, long startEpochMillis) {
        return Measurement.newBuilder()
                .setEntityId(reading.entityId())
                .setSensorId(reading.sensorId())
                .setTimestamp(Instant.ofEpochMilli(startEpochMillis + reading.time()))
                .setZ(list(reading.z()))
                .setR(reading.R() == null ? null : new FullCovariance(matrix(reading.R())))
                .setAttributes(Map.of())
                .build();
    }

    /** A learner's posterior as a {@code PosteriorUpdate} in information form (key: the quantity id). */
    public static PosteriorUpdate posteriorUpdate(LearnerPosterior posterior, long startEpochMillis) {
        return PosteriorUpdate.newBuilder()
                .setQuantityId(posterior.quantityId())
                .setSourceId(posterior.sourceId())
                .setVersion(posterior.version())
                .setTimestamp(Instant.ofEpochMilli(startEpochMillis + posterior.time()))
                .setWeight(null)
                .setPosterior(new GaussianPosterior(null,
                        new InformationForm(matrix(posterior.precision()), list(posterior.information()))))
                .build();
    }

    private static Matrix matrix(double[][] rows) {
        List<Double> values = new ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                values.add(v);
            }
        }
        return new Matrix(rows.length, rows.length == 0 ? 0 : rows[0].length, values);
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
