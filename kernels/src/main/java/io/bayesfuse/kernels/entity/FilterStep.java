package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.SingleGaussianFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.TreeSet;

/**
 * One predict–gate–update of an entity's filter, the step every path of {@link EntityTracker}
 * takes (in order, re-filtering a history, folding measurements into the base), with the restart
 * from the prior when the state diverges. The update is the sensor's learned-noise one
 * ({@link NoiseLearning}) or the filter's own.
 */
final class FilterStep {

    private final RecursiveFilter filter;
    /** The filter when it can whiten its innovation, else null. */
    private final SingleGaussianFilter gaussian;
    private final DMatrixRMaj x0;
    private final DMatrixRMaj P0;
    private final long seed;
    private final Map<String, Sensor> sensors;
    private final NoiseLearning noiseLearning;
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Roverride = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj whitened = new DMatrixRMaj(1, 1);

    FilterStep(RecursiveFilter filter, DMatrixRMaj x0, DMatrixRMaj P0, long seed,
               Map<String, Sensor> sensors, NoiseLearning noiseLearning) {
        this.filter = filter;
        this.gaussian = filter instanceof SingleGaussianFilter g ? g : null;
        this.x0 = x0;
        this.P0 = P0;
        this.seed = seed;
        this.sensors = sensors;
        this.noiseLearning = noiseLearning;
    }

    /**
     * The measurement as the filter takes it, its R chosen by {@code noise}, checked against its sensor
     * before any state changes.
     *
     * @throws InvalidInputException on an unknown sensor, a wrong dimension, NaN/Inf or an R that is not SPD
     */
    Measurement admit(Measurement m, NoisePolicy noise) {
        Sensor sensor = sensor(m);
        Measurement admitted = noise.admit(sensor, m);
        sensor.load(admitted, z, Roverride);
        return admitted;
    }

    /** Starts the filter from the prior; each entity's randomness is seeded by its id. */
    void startFromPrior(String entityId) {
        filter.initialise(x0, P0, SplitMix64.seedFor(seed, entityId));
    }

    /**
     * One predict-gate-update from {@code fromTime} on the state the filter holds; {@code noise}
     * holds the entity's learned noise posteriors and is updated.
     */
    Step step(String entityId, long fromTime, Measurement m, Map<String, NoisePosterior> noise) {
        Sensor sensor = sensors.get(m.sensorId());
        DMatrixRMaj R = sensor.load(m, z, Roverride);
        filter.predict((m.timestamp() - fromTime) / 1000.0);
        Attempt attempt = update(sensor, m, R, noise);
        if (attempt.outcome != Outcome.DIVERGED && filter.isHealthy()) {
            return new Step(attempt.outcome == Outcome.GATED ? EntityStatus.REJECTED : EntityStatus.UPDATED,
                    attempt.nis, attempt.logLikelihood, null, attempt.normalisedInnovation);
        }
        String why = "the state diverged (" + (attempt.outcome == Outcome.DIVERGED
                ? "no valid update" : "not finite or not positive definite") + ") at " + m.timestamp()
                + "; restarted from the prior";
        filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
        noise.clear();
        Attempt retry = update(sensor, m, R, noise);
        if (retry.outcome == Outcome.DIVERGED || !filter.isHealthy()) {
            filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
            noise.clear();
            return new Step(EntityStatus.RESET, Double.NaN, Double.NaN, why + "; the measurement could not be applied to it either", null);
        }
        return new Step(EntityStatus.RESET, retry.nis, retry.logLikelihood, why, retry.normalisedInnovation);
    }

    private Sensor sensor(Measurement m) {
        Sensor sensor = sensors.get(m.sensorId());
        if (sensor == null) {
            throw new InvalidInputException(Problem.UNKNOWN_REFERENCE, "measurement", "sensorId",
                    "'" + m.sensorId() + "' is not a configured sensor (configured: " + new TreeSet<>(sensors.keySet()) + ")");
        }
        return sensor;
    }

    /**
     * The update of the predicted state with the loaded measurement: variational with a learned R for
     * an adaptive sensor (unless the measurement brings its own R), otherwise the filter's own.
     */
    private Attempt update(Sensor sensor, Measurement m, DMatrixRMaj R, Map<String, NoisePosterior> noise) {
        if (noiseLearning.learnsFrom(sensor, m)) {
            return noiseLearning.update(sensor, z, noise);
        }
        UpdateResult result = filter.update(sensor.model(), z, R, sensor.gate());
        return new Attempt(result.outcome(), result.nis(), result.logLikelihood(),
                result.outcome() == Outcome.DIVERGED ? null : normalisedInnovation());
    }

    /** The whitened innovation of the filter's last (non-diverged) update, when the filter has one. */
    private double[] normalisedInnovation() {
        if (gaussian == null) {
            return null;
        }
        gaussian.normalisedInnovation(whitened);
        return Matrices.toArray(whitened);
    }

    /** What one update gave. */
    record Attempt(Outcome outcome, double nis, double logLikelihood, double[] normalisedInnovation) {
    }

    /** What one step gave: the entity's status after it and the update's statistics. */
    record Step(EntityStatus status, double nis, double logLikelihood, String detail, double[] normalisedInnovation) {
    }
}
