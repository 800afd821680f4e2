package io.bayesfuse.kernels.learning;

/** How the posterior's precision over the D weights is held. */
public enum CovarianceForm {
    /** The full D×D precision: exact for the linear-Gaussian models; D up to a few thousand. */
    DENSE,
    /** The marginal precision of each weight only: O(D) per example, any D (assumed-density filtering). */
    DIAGONAL,
    /** A diagonal plus a rank-r factor, diag(δ) + VVᵀ, compressed after each batch: O(D·(r + m)²). */
    LOW_RANK
}
