/**
 * Posterior fusion: turning many sources' posteriors about one quantity into one.
 *
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.fusion.SourcePosterior}: what a source sends (full or diagonal
 *       covariance, information form, Fisher diagonal, Gaussian mixture, samples).</li>
 *   <li>{@link io.bayesfuse.kernels.fusion.FusionRule}: one rule per method, holding each source's
 *       latest contribution; {@code product} (prior division, incremental information sums),
 *       {@code intersection} (covariance intersection), {@code fisher} (Fisher-weighted merging,
 *       incremental), {@code mixture} (mixture product with Runnalls reduction), {@code samples}
 *       (consensus Monte Carlo, incremental).</li>
 *   <li>{@link io.bayesfuse.kernels.fusion.state.VersionedFusion}: a rule behind
 *       per-source versions (newest version per source wins; stale
 *       updates are ignored and reported with a {@link io.bayesfuse.kernels.fusion.state.VersionVerdict});
 *       it withdraws a source without a version of its own (a tombstone, a time to live) and
 *       rebuilds its sources under another rule from the posteriors each rule hands back.</li>
 *   <li>{@link io.bayesfuse.kernels.fusion.FusionResult}: the fused posterior, or why there is none
 *       (a fused precision that is not positive definite is a result, never a covariance).</li>
 *   <li>{@code alignment}: {@link io.bayesfuse.kernels.fusion.alignment.TimeAlignment}, fusion of a
 *       moving quantity's posteriors taken at different times, each predicted with a motion model
 *       to the newest time first (track-to-track fusion).</li>
 *   <li>{@code state}: the versioned fusion and the per-quantity state as plain values and their compact
 *       binary codecs. It depends on this package, never the other way round.</li>
 * </ul>
 * Bad input raises {@link io.bayesfuse.kernels.InvalidInputException} naming the source
 * ({@code source 'id': field problem}) and changes nothing.
 */
package io.bayesfuse.kernels.fusion;
