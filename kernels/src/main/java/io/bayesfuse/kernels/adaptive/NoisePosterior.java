package io.bayesfuse.kernels.adaptive;

/**
 * The posterior over one sensor's measurement noise covariance R, as a plain value for a state
 * store: an inverse-Gamma per component ({@link InverseGammaNoise}, diagonal R) or an inverse-Wishart
 * ({@link InverseWishartNoise}, full R). Two point estimates are offered, because they differ:
 * <ul>
 * <li>{@link #mean()}: E[R], the posterior mean, what a dashboard shows as "the sensor's current R";</li>
 * <li>{@link #variationalR()}: (E[R⁻¹])⁻¹, the R the variational update puts into the Kalman gain
 * (Särkkä &amp; Nummenmaa 2009, eq. 13), and what the next measurement's NIS is computed with. It is
 * slightly smaller than the mean: by a factor (ν − m − 1)/ν for the inverse-Wishart, (α − 1)/α for
 * the inverse-Gamma.</li>
 * </ul>
 */
public sealed interface NoisePosterior permits InverseGammaNoise, InverseWishartNoise {

    /** m, the size of R. */
    int dimension();

    /** E[R] (m×m); an infinite diagonal while the posterior has too few pseudo-observations for a mean. */
    double[][] mean();

    /** (E[R⁻¹])⁻¹ (m×m). */
    double[][] variationalR();
}
