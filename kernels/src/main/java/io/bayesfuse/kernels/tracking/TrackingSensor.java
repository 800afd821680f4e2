package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.ReversibleMeasurement;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

import java.util.Objects;

/**
 * A sensor that reports unlabelled detections: its measurement model (which must say where a
 * detection is, to start a track there), its noise R, its probability of detecting a target P_D and
 * its clutter density λ (false detections per unit volume of its measurement space, e.g. per m² for
 * a position sensor, per m·rad for range-bearing).
 */
public final class TrackingSensor {

    private final String id;
    private final String subject;
    private final ReversibleMeasurement model;
    private final DMatrixRMaj R;
    private final double detectionProbability;
    private final double clutterDensity;

    /**
     * @param layout the tracks' state layout; the model must be able to observe it
     * @throws InvalidInputException naming what does not fit
     */
    public TrackingSensor(String id, ReversibleMeasurement model, double[][] R, double detectionProbability,
                          double clutterDensity, StateLayout layout) {
        this.id = Objects.requireNonNull(id, "id");
        this.subject = "sensor '" + id + "'";
        this.model = Objects.requireNonNull(model, "model");
        int m = model.measurementSize();
        this.R = Matrices.of(R);
        InputChecks.requireCovariance(subject, "R", this.R, m, "its " + model);
        model.requireCompatible(subject, layout);
        requireDetectionProbability(subject, detectionProbability);
        requireClutterDensity(subject, clutterDensity);
        this.detectionProbability = detectionProbability;
        this.clutterDensity = clutterDensity;
    }

    /** The one check of P_D, shared with the configuration. @throws InvalidInputException outside (0, 1] */
    public static void requireDetectionProbability(String subject, double detectionProbability) {
        if (!(detectionProbability > 0 && detectionProbability <= 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "detectionProbability",
                    "is " + detectionProbability + ", must lie in (0, 1]");
        }
    }

    /** The one check of the clutter density λ, shared with the configuration. @throws InvalidInputException unless finite and &gt; 0 */
    public static void requireClutterDensity(String subject, double clutterDensity) {
        if (!(clutterDensity > 0 && Double.isFinite(clutterDensity))) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "clutterDensity",
                    "is " + clutterDensity + ", must be a finite number > 0");
        }
    }

    public String id() {
        return id;
    }

    public ReversibleMeasurement model() {
        return model;
    }

    /** The default R (do not modify). */
    public DMatrixRMaj R() {
        return R;
    }

    public double detectionProbability() {
        return detectionProbability;
    }

    public double clutterDensity() {
        return clutterDensity;
    }

    /**
     * Checks detection {@code index} of a scan against this sensor: the size of z, finite values,
     * an R override of the right shape that is symmetric positive definite.
     *
     * @throws InvalidInputException naming the detection's field
     */
    void check(int index, Detection d) {
        int m = model.measurementSize();
        String field = "detections[" + index + "]";
        if (d.z().length != m) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field + ".z",
                    "has " + d.z().length + " components but its " + model + " measures " + m);
        }
        InputChecks.requireFinite(subject, field + ".z", d.z());
        if (d.R() != null) {
            double[][] rows = d.R();
            if (rows.length != m) {
                throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field + ".R",
                        "has " + rows.length + " rows but the measurement has " + m + " components");
            }
            for (int i = 0; i < m; i++) {
                if (rows[i] == null || rows[i].length != m) {
                    throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field + ".R",
                            "row " + i + " has " + (rows[i] == null ? 0 : rows[i].length) + " entries, expected " + m);
                }
            }
            InputChecks.requireCovariance(subject, field + ".R", Matrices.of(rows), m, "the detection");
        }
    }

    @Override
    public String toString() {
        return subject + " (" + model + ", P_D " + detectionProbability + ", clutter " + clutterDensity + ")";
    }
}
