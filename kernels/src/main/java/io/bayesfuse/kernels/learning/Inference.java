package io.bayesfuse.kernels.learning;

/** How a batch of examples updates the posterior. */
public enum Inference {
    /** The conjugate update of the linear-Gaussian models: Λ += XᵀWX/σ², η += XᵀWy/σ². */
    EXACT,
    /**
     * A Laplace update per batch: the posterior before the batch is the prior, the mode of prior ×
     * batch likelihood is found by Newton's method, and the precision is the negative Hessian there.
     */
    LAPLACE,
    /**
     * Assumed-density filtering: example by example, the posterior times the example's likelihood is
     * projected back onto the Gaussian family by matching moments (of its projection wᵀx, exactly
     * by quadrature), then, for the diagonal form, onto each weight's marginal.
     */
    ADF
}
