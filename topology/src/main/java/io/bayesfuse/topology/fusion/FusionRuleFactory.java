package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.VersionedFusion;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.lapack.NativeLapack;
import io.bayesfuse.topology.config.FusionConfig;

import java.util.Objects;

/**
 * Turns the validated {@code fusion} settings into kernel objects: one fresh {@link FusionRule}
 * (behind {@link VersionedFusion}) per quantity, or one restored from a persisted state. Work that
 * depends only on the configuration (the prior's information form, loading native LAPACK for a
 * large prior) is done once, here, at start-up, not on a record.
 */
public final class FusionRuleFactory {

    private final FusionConfig config;
    private final InformationContribution prior;

    /** @param config a validated fusion section ({@link io.bayesfuse.topology.config.BayesfuseConfig#validate()}) */
    public FusionRuleFactory(FusionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.prior = config.prior() == null ? null : config.prior().toContribution();
        if (prior != null && prior.dimension() >= InformationSolver.LAPACK_FROM_DIMENSION) {
            NativeLapack.initialise();
        }
    }

    public FusionConfig config() {
        return config;
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

    /** The fusion of a new quantity: a fresh rule with version semantics. */
    public VersionedFusion newQuantity() {
        return new VersionedFusion(newRule());
    }

    /** The fusion of a quantity restored from its persisted state. */
    public VersionedFusion restore(FusionState state) {
        return VersionedFusion.restore(newRule(), state);
    }
}
