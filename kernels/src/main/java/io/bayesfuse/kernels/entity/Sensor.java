package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * A configured sensor: its measurement model, default noise R, gate and, optionally, how its R is
 * learned online ({@link NoiseAdaptation}; the configured R is then the prior's point estimate).
 */
public final class Sensor {

    private final String id;
    private final String subject;
    private final MeasurementModel model;
    private final DMatrixRMaj R;
    private final Gate gate;
    private final NoiseAdaptation adaptation;
    private final NoisePosterior noisePrior;

    /**
     * A sensor with a fixed R.
     *
     * @param layout the filter's state layout; the model must be able to observe it
     * @throws InvalidInputException when R does not fit the model or is not SPD
     */
    public Sensor(String id, MeasurementModel model, double[][] R, Gate gate, StateLayout layout) {
        this(id, model, R, gate, null, layout);
    }

    /**
     * @param adaptation how R is learned, or null for a fixed R
     * @param layout     the filter's state layout; the model must be able to observe it
     * @throws InvalidInputException when R does not fit the model or is not SPD, or the adaptation
     *                               cannot be used with this sensor
     */
    public Sensor(String id, MeasurementModel model, double[][] R, Gate gate, NoiseAdaptation adaptation, StateLayout layout) {
        this.id = Objects.requireNonNull(id, "id");
        this.subject = "sensor '" + id + "'";
        this.model = Objects.requireNonNull(model, "model");
        this.gate = gate == null ? Gate.NONE : gate;
        int m = model.measurementSize();
        this.R = Matrices.of(R);
        InputChecks.requireCovariance(subject, "R", this.R, m, "its " + model);
        model.requireCompatible(subject, layout);
        this.adaptation = adaptation;
        if (adaptation != null) {
            NoiseAdaptation.requireLearnable(subject, model instanceof StateEvidenceMeasurement);
            adaptation.requireUsableFor(subject, m);
        }
        this.noisePrior = adaptation == null ? null : adaptation.prior(this.R);
    }

    public String id() {
        return id;
    }

    public MeasurementModel model() {
        return model;
    }

    public Gate gate() {
        return gate;
    }

    /** How R is learned, or null when it is fixed. */
    public NoiseAdaptation adaptation() {
        return adaptation;
    }

    /** The noise posterior an entity starts from (the configured R as its point estimate); null without adaptation. */
    public NoisePosterior noisePrior() {
        return noisePrior;
    }

    /** The default R (do not modify). */
    public DMatrixRMaj R() {
        return R;
    }

    /**
     * Copies measurement {@code m}'s value into {@code z} and returns the R to use with it,
     * checking both against this sensor.
     *
     * @param Rbuffer receives an R override, when {@code m} has one
     * @throws InvalidInputException naming the measurement's field and what is wrong
     */
    DMatrixRMaj load(Measurement m, DMatrixRMaj z, DMatrixRMaj Rbuffer) {
        int size = model.measurementSize();
        if (m.z().length != size) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "z",
                    "has " + m.z().length + " components but its " + model + " measures " + size);
        }
        InputChecks.requireFinite(subject, "z", m.z());
        z.reshape(size, 1);
        System.arraycopy(m.z(), 0, z.data, 0, size);
        if (m.R() == null) {
            return R;
        }
        double[][] rows = m.R();
        if (rows.length != size) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "R",
                    "override has " + rows.length + " rows but the measurement has " + size + " components");
        }
        Rbuffer.reshape(size, size);
        for (int i = 0; i < size; i++) {
            if (rows[i] == null || rows[i].length != size) {
                throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "R",
                        "override row " + i + " has " + (rows[i] == null ? 0 : rows[i].length) + " entries, expected " + size);
            }
            System.arraycopy(rows[i], 0, Rbuffer.data, i * size, size);
        }
        InputChecks.requireCovariance(subject, "R", Rbuffer, size, "the measurement");
        return Rbuffer;
    }

    @Override
    public String toString() {
        return subject + " (" + model + ", " + gate + (adaptation == null ? "" : ", adaptive R " + adaptation) + ")";
    }
}
