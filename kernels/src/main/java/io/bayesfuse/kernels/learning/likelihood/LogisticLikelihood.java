package io.bayesfuse.kernels.learning.likelihood;

/** Binary logistic regression: p(y = 1 | a) = σ(a) = 1/(1 + e^−a), y ∈ {0, 1}. */
public final class LogisticLikelihood implements OutputLikelihood {

    public static final LogisticLikelihood INSTANCE = new LogisticLikelihood();

    private LogisticLikelihood() {
    }

    /** σ(a), without overflow. */
    public static double sigmoid(double a) {
        if (a >= 0) {
            return 1.0 / (1.0 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1.0 + e);
    }

    /** log σ(a), accurate for large |a|. */
    public static double logSigmoid(double a) {
        return a >= 0 ? -Math.log1p(Math.exp(-a)) : a - Math.log1p(Math.exp(a));
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public double logLikelihood(double[] a, double y) {
        return y >= 0.5 ? logSigmoid(a[0]) : logSigmoid(-a[0]);
    }

    @Override
    public void gradientAndCurvature(double[] a, double y, double w, double[] gradient, double[] root) {
        double p = sigmoid(a[0]);
        gradient[0] = w * (y - p);
        root[0] = Math.sqrt(w * p * (1 - p));
    }
}
