package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.adaptive.AdaptiveUpdate;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.SingleGaussianFilter;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.TreeMap;

/**
 * Adaptive noise for the sensors that learn their R ({@link Sensor#adaptation()}): one
 * {@link VariationalNoiseUpdate} per such sensor, run through the filter in place of its own update.
 * The posteriors live in the entity's state (a map by sensor id the caller passes in), so
 * re-filtering re-learns them exactly.
 */
final class NoiseLearning {

    private final SingleGaussianFilter filter;
    private final Map<String, VariationalNoiseUpdate> updates = new TreeMap<>();
    private final DMatrixRMaj whitened = new DMatrixRMaj(1, 1);

    /**
     * @throws InvalidInputException when a sensor adapts its noise but the filter cannot learn R
     */
    NoiseLearning(RecursiveFilter filter, Map<String, Sensor> sensors) {
        SingleGaussianFilter learner = filter instanceof SingleGaussianFilter g && g.learnsNoise() ? g : null;
        for (Sensor sensor : new TreeMap<>(sensors).values()) {
            if (sensor.adaptation() != null) {
                if (learner == null) {
                    throw new InvalidInputException(Problem.INCONSISTENT, "sensor '" + sensor.id() + "'", "adaptation",
                            "needs a kf, ekf or ukf filter to learn R, but the filter is a " + filter);
                }
                updates.put(sensor.id(), new VariationalNoiseUpdate(sensor.adaptation()));
            }
        }
        this.filter = learner;
    }

    /** True when measurement {@code m} of {@code sensor} learns R: an adaptive sensor, no R of its own. */
    boolean learnsFrom(Sensor sensor, Measurement m) {
        return m.R() == null && updates.containsKey(sensor.id());
    }

    /**
     * The variational update of the predicted state with the loaded measurement z; {@code noise}
     * receives the sensor's new posterior (started from its prior on the sensor's first measurement,
     * or when its adaptation changed).
     *
     * @return the outcome, NIS, log-likelihood and whitened innovation (null when diverged)
     */
    FilterStep.Attempt update(Sensor sensor, DMatrixRMaj z, Map<String, NoisePosterior> noise) {
        VariationalNoiseUpdate vb = updates.get(sensor.id());
        NoisePosterior posterior = noise.get(sensor.id());
        if (posterior == null || !vb.fits(posterior, sensor.model().measurementSize())) {
            posterior = sensor.noisePrior();
        }
        AdaptiveUpdate update = vb.update(filter, sensor.model(), z, posterior, sensor.gate());
        noise.put(sensor.id(), update.posterior());
        double[] e = null;
        if (update.outcome() != Outcome.DIVERGED) {
            vb.normalisedInnovation(whitened);
            e = Matrices.toArray(whitened);
        }
        return new FilterStep.Attempt(update.outcome(), update.nis(), update.logLikelihood(), e);
    }

    /** Drops the posteriors of sensors that no longer adapt (the configuration changed). */
    void forgetUnlearned(Map<String, NoisePosterior> noise) {
        if (!noise.isEmpty()) {
            noise.keySet().retainAll(updates.keySet());
        }
    }
}
