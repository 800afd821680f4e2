package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;

import java.util.Map;
import java.util.Set;

/**
 * The fusion stage's settings, e.g.
 * <pre>
 * method: product
 * prior: {mean: [0, 0, 0], covariance: [[4,0,0],[0,4,0],[0,0,4]]}
 * </pre>
 * or {@code method: covariance-intersection, criterion: determinant}, or
 * {@code method: fisher, fisherFloor: 1e-8, sourceWeights: {worker-0: 2.0}}. Each option belongs to
 * one method; setting it for another is an error (it would silently do nothing). Tracks (dynamic
 * quantities) name a motion model: {@code method: covariance-intersection, motionModel: cv}; any
 * method may drop silent sources: {@code sourceTtlMillis: 60000}.
 *
 * <p>The same record configures the default of every quantity (the file's {@code fusion} section,
 * config key {@code fusion/default}) and single quantities ({@code quantities.<id>}, config key
 * {@code fusion/<id>}); a quantity's own settings replace the default as a whole.
 *
 * @param method              product | covariance-intersection | fisher | mixture-product | consensus-monte-carlo | dc-fusion
 * @param criterion           covariance-intersection: trace (default) | determinant, what the weights minimise
 * @param fast                covariance-intersection: true for the closed-form weights ωᵢ ∝ 1/tr(Pᵢ)
 *                            instead of optimising (approximates the trace criterion)
 * @param prior               product, mixture-product: the prior every source used (divided out K − 1
 *                            times); without it only one source per quantity can be fused
 * @param maxComponents       mixture-product: the most components a fused mixture keeps (default
 *                            {@value #DEFAULT_MAX_COMPONENTS})
 * @param fisherFloor         fisher: lower bound for every Fisher entry (default 0)
 * @param sourceWeights       fisher: λ per source id (default {@code defaultSourceWeight})
 * @param defaultSourceWeight fisher: λ of sources not listed (default 1)
 * @param motionModel         covariance-intersection, and product without a prior or with a flat one: the
 *                            id of a motion model in {@code motionModels}; the quantity is a track whose
 *                            posteriors carry timestamps and are predicted to the newest one before fusing
 * @param sourceTtlMillis     a source silent for this long (event time) is dropped from the fusion;
 *                            null keeps sources until they are retracted
 * @param listSourcesUpTo     a fused posterior lists its contributing sources and their versions while
 *                            there are at most this many (default {@value #DEFAULT_LIST_SOURCES_UP_TO});
 *                            above, it gives their number and a digest of the set
 * @param draws               dc-fusion: the number of fused draws (default {@value #DEFAULT_DRAWS})
 * @param seed                dc-fusion: the seed of its random numbers (default 0); the draws are a
 *                            function of the sub-posteriors, the options and the seed
 * @param trust               product, covariance-intersection, fisher, mixture-product: test every source
 *                            against the fusion of the others and act on a failing one ({@link TrustConfig});
 *                            null trusts every source
 */
public record FusionConfig(String method, String criterion, Boolean fast, PriorConfig prior, Integer maxComponents,
                           Double fisherFloor, Map<String, Double> sourceWeights, Double defaultSourceWeight,
                           String motionModel, Long sourceTtlMillis, Integer listSourcesUpTo, Integer draws, Long seed,
                           TrustConfig trust) {

    /** Settings without trust (as before trust existed). */
    public FusionConfig(String method, String criterion, Boolean fast, PriorConfig prior, Integer maxComponents,
                        Double fisherFloor, Map<String, Double> sourceWeights, Double defaultSourceWeight,
                        String motionModel, Long sourceTtlMillis, Integer listSourcesUpTo, Integer draws, Long seed) {
        this(method, criterion, fast, prior, maxComponents, fisherFloor, sourceWeights, defaultSourceWeight, motionModel,
                sourceTtlMillis, listSourcesUpTo, draws, seed, null);
    }

    public static final String PRODUCT = "product";
    public static final String COVARIANCE_INTERSECTION = "covariance-intersection";
    public static final String FISHER = "fisher";
    public static final String MIXTURE_PRODUCT = "mixture-product";
    public static final String CONSENSUS_MONTE_CARLO = "consensus-monte-carlo";
    public static final String DC_FUSION = "dc-fusion";
    public static final Set<String> METHODS = Set.of(PRODUCT, COVARIANCE_INTERSECTION, FISHER, MIXTURE_PRODUCT,
            CONSENSUS_MONTE_CARLO, DC_FUSION);
    public static final int DEFAULT_DRAWS = 1000;
    public static final Set<String> CRITERIA = Set.of("trace", "determinant");
    public static final int DEFAULT_MAX_COMPONENTS = 8;
    public static final int DEFAULT_LIST_SOURCES_UP_TO = 100;

    public FusionConfig {
        sourceWeights = sourceWeights == null ? null : Map.copyOf(sourceWeights);
    }

    /** Methods that fuse tracks predicted with a motion model. */
    public static final Set<String> DYNAMIC_METHODS = Set.of(COVARIANCE_INTERSECTION, PRODUCT);

    /** The configuration of a method with every option at its default. */
    public static FusionConfig of(String method) {
        return new FusionConfig(method, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    void validate(String path, BayesfuseConfig root, Problems problems) {
        if (!problems.requirePresent(path + ".method", method)) {
            return;
        }
        if (!METHODS.contains(method)) {
            problems.add(path + ".method", "is '" + method + "', expected one of " + Sorted.of(METHODS));
            return;
        }
        onlyFor(path + ".criterion", criterion, COVARIANCE_INTERSECTION, problems);
        onlyFor(path + ".fast", fast, COVARIANCE_INTERSECTION, problems);
        onlyFor(path + ".maxComponents", maxComponents, MIXTURE_PRODUCT, problems);
        onlyFor(path + ".fisherFloor", fisherFloor, FISHER, problems);
        onlyFor(path + ".sourceWeights", sourceWeights, FISHER, problems);
        onlyFor(path + ".defaultSourceWeight", defaultSourceWeight, FISHER, problems);
        onlyFor(path + ".draws", draws, DC_FUSION, problems);
        onlyFor(path + ".seed", seed, DC_FUSION, problems);
        if (draws != null && draws < 1) {
            problems.add(path + ".draws", "is " + draws + ", must be at least 1");
        }
        if (prior != null && !method.equals(PRODUCT) && !method.equals(MIXTURE_PRODUCT)) {
            problems.add(path + ".prior", "applies only to methods product and mixture-product (method is " + method + ")");
        }

        if (criterion != null && !CRITERIA.contains(criterion)) {
            problems.add(path + ".criterion", "is '" + criterion + "', expected one of " + Sorted.of(CRITERIA));
        }
        if (Boolean.TRUE.equals(fast) && "determinant".equals(criterion)) {
            problems.add(path + ".fast", "weights ∝ 1/trace approximate the trace criterion, not determinant:"
                    + " drop one of fast and criterion");
        }
        if (prior != null && (method.equals(PRODUCT) || method.equals(MIXTURE_PRODUCT))) {
            prior.validate(path + ".prior", problems);
            if (prior.isotropic() != null && !method.equals(PRODUCT)) {
                problems.add(path + ".prior.isotropic", "applies only to method product (method is " + method + ")");
            }
        }
        if (maxComponents != null && maxComponents < 1) {
            problems.add(path + ".maxComponents", "is " + maxComponents + ", must be at least 1");
        }
        if (fisherFloor != null && !(fisherFloor >= 0 && Double.isFinite(fisherFloor))) {
            problems.add(path + ".fisherFloor", "is " + fisherFloor + ", must be a finite number >= 0");
        }
        if (sourceWeights != null) {
            sourceWeights.forEach((source, weight) -> requirePositiveWeight(path + ".sourceWeights." + source, weight, problems));
        }
        if (defaultSourceWeight != null) {
            requirePositiveWeight(path + ".defaultSourceWeight", defaultSourceWeight, problems);
        }
        if (motionModel != null) {
            validateMotionModel(path + ".motionModel", root, problems);
        }
        if (listSourcesUpTo != null && listSourcesUpTo < 0) {
            problems.add(path + ".listSourcesUpTo", "is " + listSourcesUpTo + ", must be at least 0");
        }
        if (trust != null) {
            if (!TrustConfig.METHODS.contains(method)) {
                problems.add(path + ".trust", "applies only to methods " + Sorted.of(TrustConfig.METHODS)
                        + " (method is " + method + ", whose fusion of draws has no leave-one-out test)");
            } else if (motionModel != null) {
                problems.add(path + ".trust", "is not available for tracks (a quantity with a motionModel) so far");
            }
            trust.validate(path + ".trust", method, problems);
        }
        if (sourceTtlMillis != null && sourceTtlMillis <= 0) {
            problems.add(path + ".sourceTtlMillis", "is " + sourceTtlMillis + ", must be > 0 (leave it out to keep sources"
                    + " until they are retracted)");
        }
    }

    private void validateMotionModel(String path, BayesfuseConfig root, Problems problems) {
        if (!root.motionModels().containsKey(motionModel)) {
            problems.add(path, "is '" + motionModel + "' but motionModels defines " + Sorted.of(root.motionModels().keySet()));
        }
        if (!DYNAMIC_METHODS.contains(method)) {
            problems.add(path, "applies only to methods " + Sorted.of(DYNAMIC_METHODS) + " (method is " + method + ")");
        } else if (prior != null && !prior.isFlat()) {
            problems.add(path, "cannot be used with a product whose prior is not flat: a shared prior is not predicted"
                    + " with the sources; give a flat prior (precision zeros) or use covariance-intersection");
        }
    }

    /** Whether the quantity is a track: its posteriors are predicted with a motion model. */
    public boolean isDynamic() {
        return motionModel != null;
    }

    private void onlyFor(String setting, Object value, String owner, Problems problems) {
        if (value != null && !method.equals(owner)) {
            problems.add(setting, "applies only to method " + owner + " (method is " + method + ")");
        }
    }

    private static void requirePositiveWeight(String path, Double weight, Problems problems) {
        if (weight == null || !(weight > 0 && Double.isFinite(weight))) {
            problems.add(path, "is " + weight + ", must be a finite number > 0");
        }
    }

    /** The criterion with its default. */
    public String criterionOrDefault() {
        return criterion == null ? "trace" : criterion;
    }

    public boolean fastOrDefault() {
        return Boolean.TRUE.equals(fast);
    }

    public int listSourcesUpToOrDefault() {
        return listSourcesUpTo == null ? DEFAULT_LIST_SOURCES_UP_TO : listSourcesUpTo;
    }

    public int drawsOrDefault() {
        return draws == null ? DEFAULT_DRAWS : draws;
    }

    public long seedOrDefault() {
        return seed == null ? 0L : seed;
    }

    public int maxComponentsOrDefault() {
        return maxComponents == null ? DEFAULT_MAX_COMPONENTS : maxComponents;
    }

    public double fisherFloorOrDefault() {
        return fisherFloor == null ? 0.0 : fisherFloor;
    }

    public Map<String, Double> sourceWeightsOrDefault() {
        return sourceWeights == null ? Map.of() : sourceWeights;
    }

    public double defaultSourceWeightOrDefault() {
        return defaultSourceWeight == null ? 1.0 : defaultSourceWeight;
    }

    /**
     * The prior every source used, in moment form ({@code mean}, {@code covariance}, positive definite)
     * or information form ({@code precision}, {@code informationVector}, precision positive
     * semi-definite: a zero precision is a flat prior and makes the product the naive Σ Λᵢ).
     */
    public record PriorConfig(double[] mean, double[][] covariance, double[][] precision, double[] informationVector,
                              IsotropicConfig isotropic) {

        /** A prior N(m·1, v·I) of whatever dimension the posteriors have: {@code isotropic: {mean: 0, variance: 4}}. */
        public record IsotropicConfig(Double mean, Double variance) {

            public IsotropicPrior toPrior() {
                return new IsotropicPrior(mean == null ? 0.0 : mean, variance);
            }
        }

        void validate(String path, Problems problems) {
            boolean moments = mean != null || covariance != null;
            boolean information = precision != null || informationVector != null;
            if (isotropic != null) {
                if (moments || information) {
                    problems.add(path, "give isotropic, or mean with covariance, or precision with informationVector: one of them");
                } else if (problems.requirePresent(path + ".isotropic.variance", isotropic.variance())) {
                    if (!(isotropic.variance() > 0) || !Double.isFinite(isotropic.variance())) {
                        problems.add(path + ".isotropic.variance", "is " + isotropic.variance() + ", must be a finite number > 0");
                    }
                    if (isotropic.mean() != null && !Double.isFinite(isotropic.mean())) {
                        problems.add(path + ".isotropic.mean", "is " + isotropic.mean() + ", must be finite");
                    }
                }
                return;
            }
            if (moments && information) {
                problems.add(path, "give either mean with covariance or precision with informationVector, not both");
                return;
            }
            if (!moments && !information) {
                problems.add(path, "needs mean with covariance, precision with informationVector, or isotropic");
                return;
            }
            if (moments) {
                if (problems.requirePresent(path + ".mean", mean) & problems.requirePresent(path + ".covariance", covariance)
                        && MatrixSettings.requireSquare(path + ".covariance", covariance, problems)) {
                    if (covariance.length != mean.length) {
                        problems.add(path + ".covariance", "is " + covariance.length + "x" + covariance.length
                                + " but mean has " + mean.length + " components");
                    } else {
                        kernelCheck(path, problems);
                    }
                }
            } else if (problems.requirePresent(path + ".precision", precision)
                    & problems.requirePresent(path + ".informationVector", informationVector)
                    && MatrixSettings.requireSquare(path + ".precision", precision, problems)) {
                if (precision.length != informationVector.length) {
                    problems.add(path + ".precision", "is " + precision.length + "x" + precision.length
                            + " but informationVector has " + informationVector.length + " components");
                } else {
                    kernelCheck(path, problems);
                }
            }
        }

        /** Symmetry, definiteness and finiteness as the kernels check them, reported against this setting. */
        private void kernelCheck(String path, Problems problems) {
            try {
                toContribution();
            } catch (InvalidInputException e) {
                problems.add(path + "." + e.field(), e.getMessage().substring(e.subject().length() + e.field().length() + 3));
            }
        }

        /** The prior in the kernels' information form (validated; not for an isotropic prior, which has no dimension). */
        public InformationContribution toContribution() {
            if (isotropic != null) {
                throw new IllegalStateException("an isotropic prior has no dimension of its own");
            }
            if (mean != null) {
                return InformationContribution.fromCovariance("prior", mean, covariance, 0);
            }
            return InformationContribution.priorFromInformation("prior", precision, informationVector);
        }

        /** The prior's dimension; 0 for an isotropic prior (it takes the posteriors' dimension). */
        public int dimension() {
            return isotropic != null ? 0 : mean != null ? mean.length : informationVector.length;
        }

        /** True for a flat prior: information form with a zero precision (and information vector). */
        public boolean isFlat() {
            if (precision == null || informationVector == null) {
                return false;
            }
            for (double[] row : precision) {
                if (row == null) {
                    return false;
                }
                for (double v : row) {
                    if (v != 0) {
                        return false;
                    }
                }
            }
            for (double v : informationVector) {
                if (v != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
