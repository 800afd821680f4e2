/**
 * Gaussians in information form, (Λ, η) with Λ = P⁻¹ and η = P⁻¹x, the form in which posteriors are
 * multiplied (precisions and information vectors add).
 * {@link io.bayesfuse.kernels.fusion.information.InformationContribution} builds one from any Gaussian
 * form a source sends (full covariance, diagonal covariance kept diagonal, or precision and information
 * vector), validating it on the way; the product, mixture and covariance-intersection rules and the time
 * alignment use it. Its values are immutable.
 */
package io.bayesfuse.kernels.fusion.information;
