package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.algebra.DensePrecision;

/**
 * A learner's state: the Gaussian posterior over its D weights in information form (precision Λ,
 * information vector η = Λμ), for the Normal-Inverse-Gamma model also the natural parameters of the
 * noise scale s, and its bookkeeping. The learners update it in place.
 * <ul>
 *   <li>{@link CovarianceForm#DENSE}: {@code precision} is Λ's upper triangle packed row by row;</li>
 *   <li>{@link CovarianceForm#DIAGONAL}: the D marginal precisions;</li>
 *   <li>{@link CovarianceForm#LOW_RANK}: δ (D values) then V (D×r, row-major), Λ = diag(δ) + VVᵀ.</li>
 * </ul>
 * The Normal-Inverse-Gamma posterior is p(w, s) ∝ s^−(a + D/2 + 1)·exp(−(½wᵀΛw − ηᵀw + c)/s): w | s ~
 * N(Λ⁻¹η, s·Λ⁻¹) and s ~ Inv-Gamma(a, b) with b = c − ½ηᵀΛ⁻¹η. Λ, η, a and c are sums over the
 * examples (the prior's term plus one per example), so batches, arrival orders and sites add up
 * exactly; Λ and η are those of the weights at s = 1 (σ² = σ²_ref), the Gaussian this learner
 * publishes.
 */
public final class WeightPosterior {

    /** The time of a posterior that has seen no example. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final CovarianceForm form;
    private final int dimension;
    private final int rank;
    private final double[] precision;
    private final double[] information;
    private double noiseShape;
    private double noiseTerm;
    private long time;
    private long examples;
    private long version;

    public WeightPosterior(CovarianceForm form, int dimension, int rank, double[] precision, double[] information,
                           double noiseShape, double noiseTerm, long time, long examples, long version) {
        if (precision.length != precisionLength(form, dimension, rank) || information.length != dimension) {
            throw new IllegalArgumentException("a " + form + " posterior of " + dimension + " weights (rank " + rank + ") needs "
                    + precisionLength(form, dimension, rank) + " precision and " + dimension + " information values, got "
                    + precision.length + " and " + information.length);
        }
        this.form = form;
        this.dimension = dimension;
        this.rank = rank;
        this.precision = precision;
        this.information = information;
        this.noiseShape = noiseShape;
        this.noiseTerm = noiseTerm;
        this.time = time;
        this.examples = examples;
        this.version = version;
    }

    /** The number of precision values of a form. */
    public static int precisionLength(CovarianceForm form, int dimension, int rank) {
        return switch (form) {
            case DENSE -> DensePrecision.packedLength(dimension);
            case DIAGONAL -> dimension;
            case LOW_RANK -> Math.multiplyExact(dimension, rank + 1);
        };
    }

    /**
     * The prior of a model: precision diag(1/v), η = m/v, and for unknown noise a₀ = ν₀/2 and
     * c₀ = b₀ + ½η₀ᵀμ₀ with b₀ = ν₀/2 (so s ~ Inv-Gamma(ν₀/2, ν₀/2), σ²_ref worth ν₀ examples).
     */
    public static WeightPosterior prior(ModelSpec spec) {
        int D = spec.parameters();
        double[] precision = new double[precisionLength(spec.covariance(), D, spec.rank())];
        double[] eta = new double[D];
        double quadratic = 0;
        for (int j = 0; j < D; j++) {
            double lambda = 1.0 / spec.priorVariance()[j];
            eta[j] = lambda * spec.priorMean()[j];
            quadratic += eta[j] * spec.priorMean()[j];
            switch (spec.covariance()) {
                case DENSE -> precision[packedDiagonalIndex(j, D)] = lambda;
                case DIAGONAL, LOW_RANK -> precision[j] = lambda;
            }
        }
        return new WeightPosterior(spec.covariance(), D, spec.rank(), precision, eta, priorNoiseShape(spec),
                spec.unknownNoise() ? spec.noise().strength() / 2 + quadratic / 2 : 0, NO_TIME, 0, 0);
    }

    /** a₀ = ν₀/2 of the unknown noise's prior (0 otherwise). */
    public static double priorNoiseShape(ModelSpec spec) {
        return spec.unknownNoise() ? spec.noise().strength() / 2 : 0;
    }

    /** c₀ = b₀ + ½μ₀ᵀΛ₀μ₀ with b₀ = ν₀/2 of the unknown noise's prior (0 otherwise). */
    public static double priorNoiseTerm(ModelSpec spec) {
        if (!spec.unknownNoise()) {
            return 0;
        }
        double quadratic = 0;
        for (int j = 0; j < spec.parameters(); j++) {
            quadratic += spec.priorMean()[j] * spec.priorMean()[j] / spec.priorVariance()[j];
        }
        return spec.noise().strength() / 2 + quadratic / 2;
    }

    /** The index of Λⱼⱼ in a packed upper triangle of dimension D. */
    public static int packedDiagonalIndex(int j, int D) {
        // rows 0..j-1 hold D, D-1, ..., D-j+1 values
        return j * D - j * (j - 1) / 2;
    }

    public CovarianceForm form() {
        return form;
    }

    public int dimension() {
        return dimension;
    }

    public int rank() {
        return rank;
    }

    /** The precision values in the form's layout (the array itself: the learners update it). */
    public double[] precision() {
        return precision;
    }

    /** η (the array itself). */
    public double[] information() {
        return information;
    }

    /** a of the noise scale's Inv-Gamma (unknown noise; 0 otherwise). */
    public double noiseShape() {
        return noiseShape;
    }

    /** c = b + ½ηᵀμ, the noise scale's other natural parameter (unknown noise; 0 otherwise). */
    public double noiseTerm() {
        return noiseTerm;
    }

    public void setNoise(double shape, double term) {
        this.noiseShape = shape;
        this.noiseTerm = term;
    }

    /** The event time of the newest batch (ms), or {@link #NO_TIME}. */
    public long time() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    /** Examples applied since the prior. */
    public long examples() {
        return examples;
    }

    /** Batches applied since the prior: the version this learner publishes. */
    public long version() {
        return version;
    }

    /** Counts a batch of {@code batchExamples} examples. */
    public void countBatch(int batchExamples) {
        examples += batchExamples;
        version++;
    }

    /** A deep copy. */
    public WeightPosterior copy() {
        return new WeightPosterior(form, dimension, rank, precision.clone(), information.clone(), noiseShape, noiseTerm, time,
                examples, version);
    }
}
