package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.changepoint.ChangeDecision;
import io.bayesfuse.kernels.changepoint.ChangepointDetector;
import io.bayesfuse.kernels.changepoint.ConjugateModel;
import io.bayesfuse.kernels.changepoint.ConstantHazard;
import io.bayesfuse.kernels.changepoint.NormalGamma;
import io.bayesfuse.kernels.changepoint.NormalInverseWishart;
import io.bayesfuse.kernels.changepoint.RunLengthPruning;
import io.bayesfuse.topology.config.ChangepointConfig;
import io.bayesfuse.topology.config.ChangepointModel;
import io.bayesfuse.topology.config.ConfigException;

/** The kernels' {@link ChangepointDetector} of a validated {@code sensors.<id>.changepoint} setting. */
public final class ChangepointDetectorFactory {

    private ChangepointDetectorFactory() {
    }

    /**
     * The detector of sensor {@code sensorId}'s changepoint settings {@code c}; {@code R} is the
     * sensor's configured noise (the default prior of a raw channel).
     *
     * @throws ConfigException naming the setting when the detector cannot be built
     */
    public static ChangepointDetector detector(String sensorId, ChangepointConfig c, double[][] R) {
        String path = "sensors." + sensorId + ".changepoint";
        try {
            return new ChangepointDetector(conjugateModel(path, c, R), new ConstantHazard(c.hazardOrDefault()),
                    new RunLengthPruning(c.pruningOrDefault().minProbabilityOrDefault(), c.pruningOrDefault().maxHypothesesOrDefault()),
                    new ChangeDecision(c.windowOrDefault(), c.thresholdOrDefault(), c.rearmOrDefault()));
        } catch (InvalidInputException e) {
            throw new ConfigException(path + ".prior." + e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    /**
     * Whitened innovations are N(0, I) while the filter is consistent: a standard-normal
     * Normal-Inverse-Wishart prior (μ₀ = 0, E[Σ] = I). A raw channel: a Normal-Gamma whose prior
     * variance guess is the channel's configured noise variance unless set.
     */
    private static ConjugateModel conjugateModel(String path, ChangepointConfig c, double[][] R) {
        ChangepointConfig.PriorConfig p = c.priorOrDefault();
        int m = R.length;
        if (c.modelOrDefault() == ChangepointModel.CHANNEL) {
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
}
