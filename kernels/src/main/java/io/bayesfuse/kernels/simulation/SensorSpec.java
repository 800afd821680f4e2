package io.bayesfuse.kernels.simulation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A simulated sensor: what it measures, how often, how noisily, and how it misbehaves.
 *
 * @param id                 the sensor id (as configured)
 * @param kind               what it measures
 * @param periodMillis       time between two readings of one entity
 * @param R                  the noise covariance the readings are drawn with (for STATE_EVIDENCE:
 *                           the noise of the learned model's underlying velocity observation)
 * @param origin             RANGE_BEARING: the sensor's position [x, y]; otherwise null
 * @param evidencePrior      STATE_EVIDENCE: the stationary prior covariance S of the velocity that the
 *                           learned model's output contains; otherwise null
 * @param clutterProbability the chance that a reading is an outlier instead of a measurement
 * @param outage             when the sensor is down
 * @param degradation        POSITION: when its readings are biased; otherwise {@link Degradation#NONE}
 */
public record SensorSpec(String id, SensorKind kind, long periodMillis, double[][] R, double[] origin,
                         double[][] evidencePrior, double clutterProbability, Outage outage, Degradation degradation) {

    /** A sensor that never degrades. */
    public SensorSpec(String id, SensorKind kind, long periodMillis, double[][] R, double[] origin,
                      double[][] evidencePrior, double clutterProbability, Outage outage) {
        this(id, kind, periodMillis, R, origin, evidencePrior, clutterProbability, outage, Degradation.NONE);
    }

    public SensorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("sensor '" + id + "': period must be > 0 ms, got " + periodMillis);
        }
        if (R == null || R.length != 2) {
            throw new IllegalArgumentException("sensor '" + id + "': R must be 2x2");
        }
        if (kind == SensorKind.RANGE_BEARING && (origin == null || origin.length != 2)) {
            throw new IllegalArgumentException("sensor '" + id + "': a range-bearing sensor needs an origin [x, y]");
        }
        if (kind == SensorKind.STATE_EVIDENCE && (evidencePrior == null || evidencePrior.length != 2)) {
            throw new IllegalArgumentException("sensor '" + id + "': a state-evidence sensor needs a 2x2 evidence prior");
        }
        if (!(clutterProbability >= 0 && clutterProbability < 1)) {
            throw new IllegalArgumentException("sensor '" + id + "': clutter probability must be in [0, 1), got "
                    + clutterProbability);
        }
        outage = outage == null ? Outage.NONE : outage;
        degradation = degradation == null ? Degradation.NONE : degradation;
        if (degradation != Degradation.NONE && kind != SensorKind.POSITION) {
            throw new IllegalArgumentException("sensor '" + id + "': only a position sensor can degrade (a bias in m)");
        }
    }

    /** The same sensor reading every {@code factor} times as often (period divided by it, at least 1 ms). */
    public SensorSpec faster(double factor) {
        return new SensorSpec(id, kind, Math.max(1, Math.round(periodMillis / factor)), R, origin, evidencePrior,
                clutterProbability, outage, degradation);
    }

    /** Readings per second of one entity. */
    public double rate() {
        return 1000.0 / periodMillis;
    }

    @Override
    public String toString() {
        return "SensorSpec[" + id + ", " + kind + ", every " + periodMillis + " ms, R=" + Arrays.deepToString(R) + "]";
    }
}
