package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.InformationFilter;
import io.bayesfuse.kernels.filter.InteractingMultipleModel;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.MerweScaledSigmaPoints;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.FilterConfig.ImmConfig;
import io.bayesfuse.topology.config.FilterConfig.UkfConfig;
import io.bayesfuse.topology.config.FilterType;
import io.bayesfuse.topology.config.Problems;

import java.util.Arrays;
import java.util.List;

/** The kernels' {@link RecursiveFilter} of a validated filter setting, and what a filter type can do. */
public final class FilterFactory {

    private FilterFactory() {
    }

    /** The kernel filter of a validated filter setting over its motion models. */
    public static RecursiveFilter filter(FilterConfig filter, List<MotionModel> models) {
        UkfConfig ukf = filter.ukf() == null ? new UkfConfig(null, null, null) : filter.ukf();
        return switch (filter.filterType()) {
            case KF, EKF, UKF -> gaussian(filter.filterType(), models.get(0), ukf);
            case INFORMATION -> new InformationFilter(models.get(0));
            case PARTICLE -> {
                FilterConfig.ParticleConfig p = filter.particle() == null
                        ? new FilterConfig.ParticleConfig(null, null, null) : filter.particle();
                yield new ParticleFilter(models.get(0), p.particlesOrDefault(), p.resampleThresholdOrDefault());
            }
            case IMM -> {
                ImmConfig imm = filter.imm();
                GaussianFilter[] modes = new GaussianFilter[models.size()];
                for (int j = 0; j < modes.length; j++) {
                    modes[j] = gaussian(imm.modeFilterType(), models.get(j), ukf);
                }
                double[] probabilities = imm.probabilities();
                if (probabilities == null) {
                    probabilities = new double[modes.length];
                    Arrays.fill(probabilities, 1.0 / modes.length);
                }
                yield new InteractingMultipleModel(modes, imm.transition(), probabilities);
            }
        };
    }

    /**
     * Checks κ of a filter that runs sigma points (a ukf, or an imm of ukf modes) against each motion
     * model's state size n, by the sigma points' own check (κ &gt; −n), under {@code path.ukf.kappa}:
     * the one setting that can only be checked once the models are known.
     */
    public static void checkSigmaPoints(String path, FilterConfig filter, List<MotionModel> models, Problems problems) {
        boolean sigmaPoints = filter.filterType() == FilterType.UKF
                || filter.filterType() == FilterType.IMM && filter.imm() != null && filter.imm().modeFilterType() == FilterType.UKF;
        if (!sigmaPoints) {
            return;
        }
        double kappa = filter.ukf() == null ? new UkfConfig(null, null, null).kappaOrDefault() : filter.ukf().kappaOrDefault();
        for (MotionModel model : models) {
            if (!problems.check(path + ".ukf.kappa", () -> MerweScaledSigmaPoints.requireSpread(path + ".ukf", model.stateSize(), kappa))) {
                return;
            }
        }
    }

    private static GaussianFilter gaussian(FilterType type, MotionModel model, UkfConfig ukf) {
        return switch (type) {
            case KF -> new KalmanFilter(model);
            case EKF -> new ExtendedKalmanFilter(model);
            case UKF -> new UnscentedKalmanFilter(model, ukf.alphaOrDefault(), ukf.betaOrDefault(), ukf.kappaOrDefault());
            default -> throw new IllegalArgumentException(type + " is not a single Gaussian filter");
        };
    }

    /** Whether a filter can learn a sensor's R online (the variational update drives a kf, ekf or ukf). */
    public static boolean learnsNoise(FilterConfig filter) {
        return filter.filterType().isSingleGaussian();
    }

    /**
     * Whether a filter type can run a nonlinear motion model (a coordinated turn, most extensions):
     * the ekf and ukf, and an imm whose modes are.
     */
    public static boolean runsNonlinearMotion(FilterConfig filter) {
        FilterType type = filter.filterType();
        return type.isNonlinear() || type == FilterType.IMM && !filter.linearOnly();
    }
}
