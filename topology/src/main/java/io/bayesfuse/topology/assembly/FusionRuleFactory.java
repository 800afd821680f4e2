package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.elementwise.DiagonalProductRule;
import io.bayesfuse.kernels.fusion.elementwise.InformationSliceRule;
import io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.fusion.mixture.MixtureProductRule;
import io.bayesfuse.kernels.fusion.montecarlo.DcFusionOptions;
import io.bayesfuse.kernels.fusion.montecarlo.DcFusionRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import io.bayesfuse.kernels.linalg.InformationSolver;
import io.bayesfuse.kernels.linalg.NativeLapack;
import io.bayesfuse.topology.config.FusionConfig;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns the validated {@code fusion} settings into kernel objects: a fresh {@link FusionRule} (behind
 * {@link VersionedFusion}) for every quantity it loads, and for every chunk of a chunked quantity
 * the elementwise rule of the chunk's form. Work that depends only on the configuration (the
 * prior's information form, loading native LAPACK for a large prior) is done once, here, at
 * start-up, not on a record.
 */
public final class FusionRuleFactory {

    private final FusionConfig config;
    private final InformationContribution prior;
    private final IsotropicPrior isotropic;
    private final String fingerprint;

    /** @param config a validated fusion section ({@link io.bayesfuse.topology.config.BayesfuseConfig#validate()}) */
    public FusionRuleFactory(FusionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        FusionConfig.PriorConfig p = config.prior();
        this.isotropic = p != null && p.isotropic() != null ? p.isotropic().toPrior() : null;
        this.prior = p == null || p.isotropic() != null ? null : p.toContribution();
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
                    .append(";weights=").append(new TreeMap<>(c.sourceWeightsOrDefault()))
                    .append(";defaultWeight=").append(c.defaultSourceWeightOrDefault());
            case FusionConfig.MIXTURE_PRODUCT -> f.append(";maxComponents=").append(c.maxComponentsOrDefault());
            case FusionConfig.DC_FUSION -> f.append(";draws=").append(c.drawsOrDefault()).append(";seed=").append(c.seedOrDefault());
            default -> {
            }
        }
        FusionConfig.PriorConfig p = c.prior();
        if (p != null && p.isotropic() != null) {
            IsotropicPrior iso = p.isotropic().toPrior();
            f.append(";prior=isotropic(").append(iso.mean()).append(',').append(iso.variance()).append(')');
        } else if (p != null) {
            // a digest, not the numbers: the fingerprint is stored in every quantity header and read and
            // compared on every update, and a 16 x 16 prior written out is some 2 KB
            f.append(";prior=sha256:").append(sha256(Arrays.toString(p.mean()) + Arrays.deepToString(p.covariance())
                    + Arrays.deepToString(p.precision()) + Arrays.toString(p.informationVector())));
        }
        return f.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * An empty rule of {@code method} that can take any state of that method, whatever options built
     * it: for reading a stored quantity whose configuration has changed, to rebuild it under the new one.
     */
    public static FusionRule emptyRuleFor(FusionMethod method) {
        return switch (method) {
            case PRODUCT -> new ProductRule((InformationContribution) null);
            case COVARIANCE_INTERSECTION -> new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false);
            case FISHER -> new FisherRule();
            case MIXTURE_PRODUCT -> new MixtureProductRule(null, 1);
            case CONSENSUS_MONTE_CARLO -> new ConsensusMonteCarloRule();
            case DIAGONAL_PRODUCT -> new DiagonalProductRule(null);
            case INFORMATION_SLICE_PRODUCT -> new InformationSliceRule(null);
            case DC_FUSION -> new DcFusionRule(DcFusionOptions.of(DcFusionOptions.DEFAULT_DRAWS, 0L));
        };
    }

    /** A new, empty rule as configured. */
    public FusionRule newRule() {
        return switch (config.method()) {
            case FusionConfig.PRODUCT -> isotropic != null ? new ProductRule(isotropic, InformationSolver.LAPACK_FROM_DIMENSION)
                    : new ProductRule(prior);
            case FusionConfig.COVARIANCE_INTERSECTION -> new CovarianceIntersectionRule(
                    IntersectionCriterion.valueOf(config.criterionOrDefault().toUpperCase(Locale.ROOT)), config.fastOrDefault());
            case FusionConfig.FISHER -> new FisherRule(config.fisherFloorOrDefault(), config.sourceWeightsOrDefault(),
                    config.defaultSourceWeightOrDefault());
            case FusionConfig.MIXTURE_PRODUCT -> new MixtureProductRule(prior, config.maxComponentsOrDefault());
            case FusionConfig.CONSENSUS_MONTE_CARLO -> new ConsensusMonteCarloRule();
            case FusionConfig.DC_FUSION -> new DcFusionRule(DcFusionOptions.of(config.drawsOrDefault(), config.seedOrDefault()));
            default -> throw new IllegalStateException("fusion.method '" + config.method() + "' passed validation but has no rule");
        };
    }

    /**
     * The elementwise rule that fuses chunks of the given form under these settings: Fisher merging
     * of Fisher slices, the product of diagonal Gaussians or of information slices.
     *
     * @return null when the method cannot fuse chunks of that form (its result depends on whole posteriors)
     */
    public FusionMethod chunkRuleFor(SourcePosterior slice) {
        return switch (config.method()) {
            case FusionConfig.FISHER -> slice instanceof SourcePosterior.Fisher ? FusionMethod.FISHER : null;
            case FusionConfig.PRODUCT -> prior != null ? null
                    : slice instanceof SourcePosterior.DiagonalCovariance ? FusionMethod.DIAGONAL_PRODUCT
                    : slice instanceof SourcePosterior.InformationSlice ? FusionMethod.INFORMATION_SLICE_PRODUCT : null;
            default -> null;
        };
    }

    /** A new, empty chunk rule ({@link #chunkRuleFor}). */
    public FusionRule newChunkRule(FusionMethod chunkRule) {
        return switch (chunkRule) {
            case FISHER -> newRule();
            case DIAGONAL_PRODUCT -> new DiagonalProductRule(isotropic);
            case INFORMATION_SLICE_PRODUCT -> new InformationSliceRule(isotropic);
            default -> throw new IllegalArgumentException(chunkRule + " does not fuse chunks");
        };
    }

    /** The fusion of a new quantity in memory: a fresh rule with version semantics. */
    public VersionedFusion newQuantity() {
        return new VersionedFusion(newRule());
    }
}
