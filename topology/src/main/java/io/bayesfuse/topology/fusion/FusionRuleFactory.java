package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.lapack.NativeLapack;
import io.bayesfuse.topology.config.FusionConfig;

import java.util.Objects;

/**
 * Turns the validated {@code fusion} settings into kernel objects: a fresh {@link FusionRule} (behind
 * {@link VersionedFusion}) for every quantity it loads. Work that
 * depends only on the configuration (the prior's information form, loading native LAPACK for a
 * large prior) is done once, here, at start-up, not on a record.
 */
public final class FusionRuleFactory {

    private final FusionConfig config;
    private final InformationContribution prior;
    private final String fingerprint;

    /** @param config a validated fusion section ({@link io.bayesfuse.topology.config.BayesfuseConfig#validate()}) */
    public FusionRuleFactory(FusionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.prior = config.prior() == null ? null : config.prior().toContribution();
        this.fingerprint = fingerprintOf(config);
        if (prior != null && prior.dimension() >= InformationSolver.LAPACK_FROM_DIMENSION) {
            NativeLapack.initialise();
        }
    }

    public FusionConfig config() {
        return config;
    }

    /**
     * Names everything about the configuration that shapes a rule's state (method and options, not
     * the motion model or the time to live, which act outside the rule): a stored quantity whose
     * fingerprint differs was built by another rule and must be rebuilt before it is continued.
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprintOf(FusionConfig c) {
        StringBuilder f = new StringBuilder(c.method());
        switch (c.method()) {
            case FusionConfig.COVARIANCE_INTERSECTION -> f.append(";criterion=").append(c.criterionOrDefault())
                    .append(";fast=").append(c.fastOrDefault());
            case FusionConfig.FISHER -> f.append(";floor=").append(c.fisherFloorOrDefault())
                    .append(";weights=").append(new java.util.TreeMap<>(c.sourceWeightsOrDefault()))
                    .append(";defaultWeight=").append(c.defaultSourceWeightOrDefault());
            case FusionConfig.MIXTURE_PRODUCT -> f.append(";maxComponents=").append(c.maxComponentsOrDefault());
            default -> {
            }
        }
        FusionConfig.PriorConfig p = c.prior();
        if (p != null) {
            f.append(";prior=").append(java.util.Arrays.toString(p.mean())).append(java.util.Arrays.deepToString(p.covariance()))
                    .append(java.util.Arrays.deepToString(p.precision())).append(java.util.Arrays.toString(p.informationVector()));
        }
        return f.toString();
    }

    /**
     * An empty rule of {@code method} that can take any state of that method, whatever options built
     * it: for reading a stored quantity whose configuration has changed, to rebuild it under the new one.
     */
    public static FusionRule emptyRuleFor(FusionMethod method) {
        return switch (method) {
            case PRODUCT -> new ProductRule(null);
            case COVARIANCE_INTERSECTION -> new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false);
            case FISHER -> new FisherRule();
            case MIXTURE_PRODUCT -> new MixtureProductRule(null, 1);
            case CONSENSUS_MONTE_CARLO -> new ConsensusMonteCarloRule();
        };
    }

    /** A new, empty rule as configured. */
    public FusionRule newRule() {
        return switch (config.method()) {
            case FusionConfig.PRODUCT -> new ProductRule(prior);
            case FusionConfig.COVARIANCE_INTERSECTION -> new CovarianceIntersectionRule(
                    IntersectionCriterion.valueOf(config.criterionOrDefault().toUpperCase(java.util.Locale.ROOT)),
                    config.fastOrDefault());
            case FusionConfig.FISHER -> new FisherRule(config.fisherFloorOrDefault(), config.sourceWeightsOrDefault(),
                    config.defaultSourceWeightOrDefault());
            case FusionConfig.MIXTURE_PRODUCT -> new MixtureProductRule(prior, config.maxComponentsOrDefault());
            case FusionConfig.CONSENSUS_MONTE_CARLO -> new ConsensusMonteCarloRule();
            default -> throw new IllegalStateException("fusion.method '" + config.method() + "' passed validation but has no rule");
        };
    }

    /** The fusion of a new quantity in memory: a fresh rule with version semantics. */
    public VersionedFusion newQuantity() {
        return new VersionedFusion(newRule());
    }
}
