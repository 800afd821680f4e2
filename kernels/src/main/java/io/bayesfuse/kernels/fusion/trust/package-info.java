/**
 * Source trust for Gaussian fusion: {@link io.bayesfuse.kernels.fusion.trust.TrustedGaussianFusion} tests
 * each update of a source against the fusion of the other trusted sources (a leave-one-out chi-square test)
 * and, by {@link io.bayesfuse.kernels.fusion.trust.TrustSettings}, reports, down-weights or quarantines a
 * source that fails ({@link io.bayesfuse.kernels.fusion.trust.TrustAction}), readmitting it after a run of
 * consistent updates; each decision is a {@link io.bayesfuse.kernels.fusion.trust.TrustVerdict}. Kernels
 * only so far: the stream does not use it yet.
 */
package io.bayesfuse.kernels.fusion.trust;
