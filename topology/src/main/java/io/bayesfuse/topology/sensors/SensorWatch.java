package io.bayesfuse.topology.sensors;

import io.bayesfuse.avro.ChangepointAction;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.changepoint.ChangeDecision;
import io.bayesfuse.kernels.changepoint.ChangepointDetector;
import io.bayesfuse.kernels.changepoint.ConjugateModel;
import io.bayesfuse.kernels.changepoint.ConstantHazard;
import io.bayesfuse.kernels.changepoint.NormalGamma;
import io.bayesfuse.kernels.changepoint.NormalInverseWishart;
import io.bayesfuse.kernels.changepoint.RunLengthPruning;
import io.bayesfuse.topology.config.ChangepointConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.SensorConfig;

/**
 * What the filter stage watches on one sensor, compiled from its configuration: whether its R is
 * learned (so the newest learned R is recorded for display), and its changepoint detector with the
 * action a detection triggers (an R inflation is applied by the kernels'
 * {@link io.bayesfuse.kernels.entity.NoiseInflation}, see {@link SensorState#noiseInflation()}). One per sensor per compiled configuration, used by one stream task
 * (the detector is a preallocated engine, not thread-safe).
 *
 * @param sensorId   the sensor
 * @param adaptive   whether the sensor's R is learned online
 * @param detector   the changepoint detector, or null when detection is off
 * @param model      innovations | channel
 * @param channel    the watched measurement component (channel model)
 * @param action     what a detection does
 * @param factor     inflate-r: the factor
 * @param durationMillis inflate-r: for how long, event time
 */
public record SensorWatch(String sensorId, boolean adaptive, ChangepointDetector detector, String model,
                          int channel, ChangepointAction action, double factor, long durationMillis) {

    /** The watch of a sensor, or null when it has neither adaptive noise nor changepoint detection. */
    public static SensorWatch compile(String sensorId, SensorConfig config) {
        boolean adaptive = config.adaptation() != null && config.adaptation().enabled();
        ChangepointConfig c = config.changepoint();
        boolean detects = c != null && c.on();
        if (!adaptive && !detects) {
            return null;
        }
        if (!detects) {
            return new SensorWatch(sensorId, true, null, null, -1, ChangepointAction.NONE, 1, 0);
        }
        String path = "sensors." + sensorId + ".changepoint";
        ChangepointDetector detector;
        try {
            detector = new ChangepointDetector(conjugateModel(path, c, config.R()), new ConstantHazard(c.hazardOrDefault()),
                    new RunLengthPruning(c.pruningOrDefault().minProbabilityOrDefault(), c.pruningOrDefault().maxHypothesesOrDefault()),
                    new ChangeDecision(c.windowOrDefault(), c.thresholdOrDefault(), c.rearmOrDefault()));
        } catch (InvalidInputException e) {
            throw new ConfigException(path + ".prior." + e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
        ChangepointConfig.ActionConfig a = c.actionOrDefault();
        ChangepointAction action = switch (a.type()) {
            case "inflate-r" -> ChangepointAction.INFLATE_R;
            case "reset-entities" -> ChangepointAction.RESET_ENTITIES;
            default -> ChangepointAction.NONE;
        };
        return new SensorWatch(sensorId, adaptive, detector, c.modelOrDefault(),
                c.channel() == null ? -1 : c.channel(), action, a.factorOrDefault(), a.durationMillisOrDefault());
    }

    /**
     * Whitened innovations are N(0, I) while the filter is consistent: a standard-normal
     * Normal-Inverse-Wishart prior (μ₀ = 0, E[Σ] = I). A raw channel: a Normal-Gamma whose prior
     * variance guess is the channel's configured noise variance unless set.
     */
    private static ConjugateModel conjugateModel(String path, ChangepointConfig c, double[][] R) {
        ChangepointConfig.PriorConfig p = c.priorOrDefault();
        int m = R.length;
        if ("channel".equals(c.modelOrDefault())) {
            double alpha = p.alpha() == null ? 1.0 : p.alpha();
            double beta = p.beta() == null ? alpha * R[c.channel()][c.channel()] : p.beta();
            return new NormalGamma(p.mean() == null ? 0.0 : p.mean(), p.kappa() == null ? 0.1 : p.kappa(), alpha, beta);
        }
        double nu = p.nu() == null ? m + 4 : p.nu();
        if (!(nu > m + 1)) {
            throw new ConfigException(path + ".prior.nu", "is " + nu + ", must exceed d + 1 = " + (m + 1)
                    + " for a " + m + "-component innovation");
        }
        return NormalInverseWishart.standardNormal(m, p.kappa() == null ? 1.0 : p.kappa(), nu);
    }

    public boolean detects() {
        return detector != null;
    }
}
