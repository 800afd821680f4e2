/**
 * Source trust: every update of a source is tested against the fusion of the other sources
 * (leave-one-out). A rule that can do so is a {@link io.bayesfuse.kernels.fusion.trust.LeaveOneOutTest}
 * (product, covariance intersection, Fisher merging, mixture products); {@link
 * io.bayesfuse.kernels.fusion.trust.TrustGate} compares its statistic with the χ² gate and, by
 * {@link io.bayesfuse.kernels.fusion.trust.TrustSettings}, reports, down-weights or quarantines a
 * source that fails ({@link io.bayesfuse.kernels.fusion.trust.TrustAction}), readmitting it after a
 * run of consistent updates; each decision is a {@link io.bayesfuse.kernels.fusion.trust.TrustVerdict},
 * and what is remembered of a source a {@link io.bayesfuse.kernels.fusion.trust.SourceTrust}. {@link
 * io.bayesfuse.kernels.fusion.state.VersionedFusion} applies it for the stream and the offline
 * {@code fuse} command; {@link io.bayesfuse.kernels.fusion.trust.TrustedGaussianFusion} is the same test by a
 * scan over Gaussian sources kept in memory.
 */
package io.bayesfuse.kernels.fusion.trust;
