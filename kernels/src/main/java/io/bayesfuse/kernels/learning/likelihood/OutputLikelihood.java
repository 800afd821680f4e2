package io.bayesfuse.kernels.learning.likelihood;

/**
 * A generalised linear model's likelihood p(y | a)^w of the K outputs a = Φw (a = wᵀx, or
 * a = Wx for softmax) — what a Laplace update and assumed-density filtering need from it. The
 * likelihoods here are log-concave, so −∇² log p is positive semi-definite.
 */
public interface OutputLikelihood {

    /** K, the number of outputs. */
    int outputs();

    /** log p(y | a). */
    double logLikelihood(double[] a, double y);

    /**
     * At a, for target y and weight w: {@code gradient} ← w·∇ₐ log p(y | a) (K values) and
     * {@code root} ← M with M·Mᵀ = −w·∇²ₐ log p(y | a) (K×K, row-major).
     */
    void gradientAndCurvature(double[] a, double y, double w, double[] gradient, double[] root);
}
