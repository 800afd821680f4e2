package io.bayesfuse.app.simulate;

import io.bayesfuse.avro.Detection;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.avro.TrueTarget;
import io.bayesfuse.avro.Truth;
import io.bayesfuse.kernels.simulation.LearnerPosterior;
import io.bayesfuse.kernels.simulation.SensorReading;
import io.bayesfuse.kernels.simulation.SimulatedExample;
import io.bayesfuse.kernels.simulation.SimulationEvent;
import io.bayesfuse.kernels.simulation.TargetState;

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

    /** A labelled example as an {@code Example} with dense features (key: the model id). */
    public static Example example(SimulatedExample example, long startEpochMillis) {
        return Example.newBuilder()
                .setModelId(example.modelId())
                .setFeatures(list(example.features()))
                .setTarget(example.target())
                .setTimestamp(Instant.ofEpochMilli(startEpochMillis + example.time()))
                .setSourceId("simulator")
                .build();
    }

    /** A surveillance scan as a {@code DetectionScan} (key: the region). */
    public static DetectionScan detectionScan(SimulationEvent.Scan scan, long startEpochMillis) {
        List<Detection> detections = new ArrayList<>(scan.detections().size());
        for (double[] z : scan.detections()) {
            detections.add(Detection.newBuilder().setZ(list(z)).build());
        }
        return DetectionScan.newBuilder().setRegion(scan.region()).setSensorId(scan.sensorId())
                .setTimestamp(Instant.ofEpochMilli(startEpochMillis + scan.time())).setDetections(detections).build();
    }

    /** Every target of a scanned region at the scan time, as a {@code Truth} (key: the region). */
    public static Truth regionTruth(SimulationEvent.Scan scan, long startEpochMillis) {
        List<TrueTarget> targets = new ArrayList<>(scan.truth().size());
        scan.truth().forEach((id, state) -> targets.add(new TrueTarget(id, list(state.constantVelocityVector()))));
        return Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(startEpochMillis + scan.time())).setRegion(scan.region())
                .setTargets(targets).build();
    }

    /** An entity's true state when it was measured, as a {@code Truth} (key: the entity id). */
    public static Truth entityTruth(String entityId, TargetState state, long startEpochMillis) {
        return Truth.newBuilder().setTimestamp(Instant.ofEpochMilli(startEpochMillis + state.time())).setRegion(null)
                .setTargets(List.of(new TrueTarget(entityId, list(state.constantVelocityVector())))).build();
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
