package io.bayesfuse.kernels.learning;

/** What a learner predicts. */
public enum ModelKind {
    /** A number: Bayesian linear regression, y = wᵀx + ε. */
    LINEAR,
    /** One of two classes: Bayesian logistic regression, P(y = 1) = σ(wᵀx). */
    LOGISTIC,
    /** One of K classes: Bayesian multinomial logistic regression, P(y = k) = softmax(Wx)ₖ. */
    SOFTMAX
}
