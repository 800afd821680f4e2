package io.bayesfuse.kernels.learning;

/**
 * The observation noise of a linear model, y = wᵀx + ε with ε ~ N(0, σ²/w) for an example of weight w.
 *
 * @param known    true: σ² is {@code variance}; false: σ² = s·{@code variance} with an unknown scale s
 *                 ~ Inv-Gamma(ν₀/2, ν₀/2) (the Normal-Inverse-Gamma model; {@code variance} is then
 *                 the prior guess σ²_ref of σ², worth {@code strength} = ν₀ examples)
 * @param variance σ², or the reference σ²_ref
 * @param strength ν₀ &gt; 0 (unknown noise only)
 */
public record NoiseModel(boolean known, double variance, double strength) {

    public NoiseModel {
        if (!(variance > 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("noise variance must be positive and finite, got " + variance);
        }
        if (!known && (!(strength > 0) || !Double.isFinite(strength))) {
            throw new IllegalArgumentException("noise strength must be positive and finite, got " + strength);
        }
    }

    public static NoiseModel known(double variance) {
        return new NoiseModel(true, variance, 0);
    }

    public static NoiseModel unknown(double referenceVariance, double strength) {
        return new NoiseModel(false, referenceVariance, strength);
    }
}
