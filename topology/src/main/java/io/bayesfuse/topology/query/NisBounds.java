package io.bayesfuse.topology.query;

import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.stats.Consistency;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.SensorConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a consistent filter's NIS of each sensor should look like: the NIS of an m-component
 * measurement is χ²ₘ, so a single value lies in [χ²ₘ⁻¹(α/2), χ²ₘ⁻¹(1 − α/2)] with probability
 * 1 − α, and the average of N values in the narrower interval of
 * {@link Consistency#averageInterval} (Bar-Shalom, Li, Kirubarajan 2001, §5.4). The gate
 * threshold, when the sensor has a gate, is where measurements start being rejected.
 *
 * @param sensorId     the sensor
 * @param dof          m, its measurement's size
 * @param probability  1 − α of the intervals
 * @param lower        single-value lower bound
 * @param upper        single-value upper bound
 * @param window       N, the number of values the moving average runs over
 * @param averageLower the average's lower bound
 * @param averageUpper the average's upper bound
 * @param gate         the gate threshold, or NaN without a gate
 */
public record NisBounds(String sensorId, int dof, double probability, double lower, double upper, int window,
                        double averageLower, double averageUpper, double gate) {

    public static final double PROBABILITY = 0.95;
    public static final int WINDOW = 20;

    /** The bounds of every sensor of a configuration, by sensor id in order. */
    public static Map<String, NisBounds> of(BayesfuseConfig config) {
        Map<String, NisBounds> bounds = new LinkedHashMap<>();
        for (Map.Entry<String, SensorConfig> e : new TreeMap<>(config.sensors()).entrySet()) {
            bounds.put(e.getKey(), of(e.getKey(), e.getValue()));
        }
        return bounds;
    }

    /** The bounds of one sensor (m is the size of its R). */
    public static NisBounds of(String sensorId, SensorConfig sensor) {
        int m = sensor.R().length;
        double alpha = 1 - PROBABILITY;
        double[] average = Consistency.averageInterval(m, WINDOW, PROBABILITY);
        double gate = sensor.gate() == null ? Double.NaN : new ChiSquareGate(sensor.gate().probability()).threshold(m);
        return new NisBounds(sensorId, m, PROBABILITY, ChiSquareGate.quantile(alpha / 2, m),
                ChiSquareGate.quantile(1 - alpha / 2, m), WINDOW, average[0], average[1], gate);
    }
}
