package io.bayesfuse.kernels.learning;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A learner's predictive distribution for one feature vector: for regression a Normal (known noise)
 * or a Student-t (Normal-Inverse-Gamma model: ν = 2a degrees of freedom) with its location and
 * scale; for classification the class probabilities (integrated over the weights' posterior, not
 * at the posterior mean).
 *
 * @param kind             the model's kind
 * @param mean             the predictive mean of y (regression; NaN otherwise)
 * @param scale            the Normal's standard deviation or the Student-t's scale (regression)
 * @param degreesOfFreedom ν of the Student-t, +∞ for a Normal (regression)
 * @param probabilities    P(y = k) for each class (classification; null otherwise)
 */
public record Prediction(ModelKind kind, double mean, double scale, double degreesOfFreedom, double[] probabilities) {

    public static Prediction normal(double mean, double variance) {
        return new Prediction(ModelKind.LINEAR, mean, Math.sqrt(variance), Double.POSITIVE_INFINITY, null);
    }

    public static Prediction studentT(double location, double scale, double degreesOfFreedom) {
        return new Prediction(ModelKind.LINEAR, location, scale, degreesOfFreedom, null);
    }

    public static Prediction classes(ModelKind kind, double[] probabilities) {
        return new Prediction(kind, Double.NaN, Double.NaN, Double.NaN, probabilities.clone());
    }

    public boolean isRegression() {
        return kind == ModelKind.LINEAR;
    }

    /** The predictive variance of y: scale² for a Normal, scale²·ν/(ν − 2) for a Student-t (+∞ when ν ≤ 2). */
    public double variance() {
        if (Double.isInfinite(degreesOfFreedom)) {
            return scale * scale;
        }
        return degreesOfFreedom > 2 ? scale * scale * degreesOfFreedom / (degreesOfFreedom - 2) : Double.POSITIVE_INFINITY;
    }

    /** The half-width of the central interval of probability {@code level}, in units of y. */
    public double halfWidth(double level) {
        return quantile((1 + level) / 2, degreesOfFreedom) * scale;
    }

    /** The standard Normal's or Student-t's quantile at probability p. */
    public static double quantile(double p, double degreesOfFreedom) {
        if (Double.isInfinite(degreesOfFreedom)) {
            return org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseCumulativeProbability(p);
        }
        return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /** log p(y) of the predictive distribution; for classification y is a class index. */
    public double logDensity(double y) {
        if (!isRegression()) {
            return Math.log(probabilities[(int) y]);
        }
        double r = (y - mean) / scale;
        if (Double.isInfinite(degreesOfFreedom)) {
            return -0.5 * Math.log(2 * Math.PI) - Math.log(scale) - 0.5 * r * r;
        }
        double nu = degreesOfFreedom;
        return LogGamma.value((nu + 1) / 2) - LogGamma.value(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(scale)
                - (nu + 1) / 2 * Math.log1p(r * r / nu);
    }

    /** The most probable class (classification). */
    public int predictedClass() {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }
}
