package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.filter.ImmChecks;
import io.bayesfuse.kernels.filter.MerweScaledSigmaPoints;
import io.bayesfuse.kernels.filter.ParticleFilter;

import java.util.List;
import java.util.Set;

/**
 * The filter stage's settings, e.g.
 * <pre>
 * type: ukf
 * motionModel: cv
 * ukf: {alpha: 0.5, beta: 2.0, kappa: 0.0}
 * initial: {x: [0, 1, 0, 1], P: [[25,0,0,0],[0,4,0,0],[0,0,25,0],[0,0,0,4]]}
 * outOfOrder: {historyMillis: 2000}
 * smoothing: {lag: 5}        # optional: fixed-lag smoothed estimates on the smoothed topic
 * </pre>
 * A particle filter adds {@code particle: {particles: 2000, resampleThreshold: 0.5, seed: 7}};
 * an IMM names its models instead of {@code motionModel}:
 * <pre>
 * type: imm
 * imm: {models: [cv, ca], transition: [[0.95, 0.05], [0.05, 0.95]], probabilities: [0.5, 0.5], modeFilter: kf}
 * initial: {x: ..., P: ...}   # in the largest model's state
 * </pre>
 *
 * @param type        kf | ekf | ukf | information | particle | imm
 * @param motionModel id of a motion model in {@code motionModels} (all types but imm)
 * @param ukf         sigma-point parameters, for ukf (and an imm whose modeFilter is ukf)
 * @param initial     the prior every entity starts from
 * @param outOfOrder  optional out-of-order history
 * @param particle    particle filter settings
 * @param imm         IMM settings
 * @param smoothing   optional fixed-lag smoothing ({@link SmoothingConfig})
 */
public record FilterConfig(String type, String motionModel, UkfConfig ukf, InitialConfig initial,
                           OutOfOrderConfig outOfOrder, ParticleConfig particle, ImmConfig imm, SmoothingConfig smoothing) {

    /** A filter without smoothing. */
    public FilterConfig(String type, String motionModel, UkfConfig ukf, InitialConfig initial,
                        OutOfOrderConfig outOfOrder, ParticleConfig particle, ImmConfig imm) {
        this(type, motionModel, ukf, initial, outOfOrder, particle, imm, null);
    }

    /** The smoothing lag in force, 0 for none. */
    public int smoothingLag() {
        return smoothing == null || !smoothing.on() || smoothing.lag() == null ? 0 : smoothing.lag();
    }

    public static final Set<String> TYPES = FilterType.ids();

    /** The filter type, or null when {@code type} names none (refused by validation). */
    public FilterType filterType() {
        return FilterType.of(type);
    }

    /**
     * Whether the filter only handles linear models: a kf, or an imm whose modes are kf. Whether
     * it can run a nonlinear motion or measurement model is the opposite, for the Gaussian filters;
     * the particle filter samples any model.
     */
    public boolean linearOnly() {
        FilterType t = filterType();
        return t == FilterType.KF || t == FilterType.IMM && imm != null && imm.modeFilterType() == FilterType.KF;
    }

    void validate(String path, BayesfuseConfig root, Problems problems) {
        if (problems.requirePresent(path + ".type", type) && !TYPES.contains(type)) {
            problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
        }
        if (filterType() == FilterType.IMM) {
            if (motionModel != null) {
                problems.add(path + ".motionModel", "is not used by an imm filter: list the models in imm.models");
            }
            if (problems.requirePresent(path + ".imm", imm)) {
                imm.validate(path + ".imm", root, problems);
            }
        } else {
            if (problems.requirePresent(path + ".motionModel", motionModel)
                    && !root.motionModels().containsKey(motionModel)) {
                problems.add(path + ".motionModel", "is '" + motionModel + "' but motionModels defines "
                        + Sorted.of(root.motionModels().keySet()));
            }
            if (imm != null) {
                problems.add(path + ".imm", "is only used by an imm filter");
            }
        }
        if (particle != null) {
            if (filterType() == FilterType.PARTICLE) {
                particle.validate(path + ".particle", problems);
            } else {
                problems.add(path + ".particle", "is only used by a particle filter");
            }
        }
        if (ukf != null) {
            ukf.validate(path + ".ukf", problems);
        }
        if (problems.requirePresent(path + ".initial", initial)) {
            initial.validate(path + ".initial", problems);
        }
        if (outOfOrder != null) {
            outOfOrder.validate(path + ".outOfOrder", problems);
        }
        if (smoothing != null) {
            smoothing.validate(path + ".smoothing", problems);
            if (smoothing.on() && (filterType() == FilterType.IMM || filterType() == FilterType.PARTICLE)) {
                problems.add(path + ".smoothing", "needs a kf, ekf, ukf or information filter (one Gaussian posterior), but the filter is " + type);
            }
        }
    }

    /** The motion model ids this filter runs: imm.models for an IMM, else motionModel. */
    public List<String> motionModelIds() {
        return filterType() == FilterType.IMM && imm != null && imm.models() != null ? imm.models() : List.of(motionModel);
    }

    /** Van der Merwe scaled sigma-point parameters; absent values default to α = 1, β = 2, κ = 0. */
    public record UkfConfig(Double alpha, Double beta, Double kappa) {

        public double alphaOrDefault() {
            return alpha == null ? 1.0 : alpha;
        }

        public double betaOrDefault() {
            return beta == null ? 2.0 : beta;
        }

        public double kappaOrDefault() {
            return kappa == null ? 0.0 : kappa;
        }

        void validate(String path, Problems problems) {
            if (alpha != null) {
                problems.check(path + ".alpha", () -> MerweScaledSigmaPoints.requireAlpha(path, alpha));
            }
            if (beta != null) {
                problems.check(path + ".beta", () -> MerweScaledSigmaPoints.requireBeta(path, beta));
            }
            if (kappa != null) {
                problems.check(path + ".kappa", () -> MerweScaledSigmaPoints.requireKappa(path, kappa));
            }
        }
    }

    /** @param x the prior mean; @param P the prior covariance */
    public record InitialConfig(double[] x, double[][] P) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".x", x) & problems.requirePresent(path + ".P", P)
                    && MatrixSettings.requireSquare(path + ".P", P, problems) && P.length != x.length) {
                problems.add(path + ".P", "is " + P.length + "x" + P.length + " but x has " + x.length + " components");
            }
        }
    }

    /**
     * @param historyMillis   how far behind an entity's newest measurement a late one is still applied
     * @param maxMeasurements the most measurements an entity retains for re-filtering (default 1000)
     */
    public record OutOfOrderConfig(Long historyMillis, Integer maxMeasurements) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".historyMillis", historyMillis) && historyMillis < 0) {
                problems.add(path + ".historyMillis", "is " + historyMillis + ", must be >= 0");
            }
            if (maxMeasurements != null && maxMeasurements < 1) {
                problems.add(path + ".maxMeasurements", "is " + maxMeasurements + ", must be at least 1");
            }
        }
    }

    /**
     * @param particles         N, the number of particles (default 1000)
     * @param resampleThreshold resample when the effective sample size falls below this fraction of N (default 0.5)
     * @param seed              base seed; each entity's generator derives from it and the entity id (default 0)
     */
    public record ParticleConfig(Integer particles, Double resampleThreshold, Long seed) {

        public int particlesOrDefault() {
            return particles == null ? 1000 : particles;
        }

        public double resampleThresholdOrDefault() {
            return resampleThreshold == null ? 0.5 : resampleThreshold;
        }

        public long seedOrDefault() {
            return seed == null ? 0L : seed;
        }

        void validate(String path, Problems problems) {
            if (particles != null) {
                problems.check(path + ".particles", () -> ParticleFilter.requireCount(path, particles));
            }
            if (resampleThreshold != null) {
                problems.check(path + ".resampleThreshold", () -> ParticleFilter.requireResampleThreshold(path, resampleThreshold));
            }
        }
    }

    /**
     * @param models        the motion model ids, at least two
     * @param transition    the Markov matrix: transition[i][j] = P(model j now | model i one step before); rows sum to 1
     * @param probabilities the initial model probabilities (default uniform)
     * @param modeFilter    the filter each model runs: kf | ekf | ukf (default ekf)
     */
    public record ImmConfig(List<String> models, double[][] transition, double[] probabilities, String modeFilter) {

        public static final Set<String> MODE_FILTERS = FilterType.ids(FilterType.MODE_FILTERS);

        /** The type each mode runs (default ekf), or null when {@code modeFilter} names none. */
        public FilterType modeFilterType() {
            return FilterType.of(modeFilterOrDefault());
        }

        public String modeFilterOrDefault() {
            return modeFilter == null ? FilterType.EKF.id() : modeFilter;
        }

        void validate(String path, BayesfuseConfig root, Problems problems) {
            if (problems.requirePresent(path + ".models", models)) {
                problems.checkIn(path, () -> ImmChecks.requireModeCount(path, models.size()));
                for (int i = 0; i < models.size(); i++) {
                    if (!root.motionModels().containsKey(models.get(i))) {
                        problems.add(path + ".models[" + i + "]", "is '" + models.get(i) + "' but motionModels defines "
                                + Sorted.of(root.motionModels().keySet()));
                    }
                }
            }
            int r = models != null ? models.size() : transition != null ? transition.length : 0;
            if (problems.requirePresent(path + ".transition", transition)) {
                problems.checkIn(path, () -> ImmChecks.requireTransition(path, transition, r));
            }
            if (probabilities != null) {
                problems.checkIn(path, () -> ImmChecks.requireProbabilities(path, probabilities, r));
            }
            if (modeFilter != null && !MODE_FILTERS.contains(modeFilter)) {
                problems.add(path + ".modeFilter", "is '" + modeFilter + "', expected one of " + Sorted.of(MODE_FILTERS));
            }
        }
    }
}
