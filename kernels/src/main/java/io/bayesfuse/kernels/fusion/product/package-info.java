/**
 * The product of Gaussian posteriors with prior division, in information form
 * ({@link io.bayesfuse.kernels.fusion.product.ProductRule}): K sources that each combined the same prior
 * with their own data fuse to Λ = Σ Λᵢ − (K−1) Λ₀ and η = Σ ηᵢ − (K−1) η₀, which for shards of a Bayesian
 * linear regression is exactly the full-data posterior. It is incremental: the sums are compensated
 * running sums, so adding, replacing or retracting a source costs O(d²) whatever the number of sources,
 * and large dimensions are solved with native LAPACK.
 */
package io.bayesfuse.kernels.fusion.product;
