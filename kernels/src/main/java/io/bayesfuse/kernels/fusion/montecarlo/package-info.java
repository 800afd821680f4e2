/**
 * Exact sample-based fusion of non-Gaussian sub-posteriors: divide-and-conquer Monte Carlo Fusion.
 * {@link io.bayesfuse.kernels.fusion.montecarlo.DivideAndConquerFusion} fuses Gaussian-mixture
 * sub-posteriors up a {@link io.bayesfuse.kernels.fusion.montecarlo.FusionTree}: every inner node turns its
 * children's draws into draws of their product ({@link io.bayesfuse.kernels.fusion.montecarlo.NodeFusion}:
 * sequential Monte Carlo on a time mesh with Brownian-bridge path-space weights, then
 * {@link io.bayesfuse.kernels.fusion.montecarlo.Rejuvenation} moves that keep the node's exact product
 * density). {@link io.bayesfuse.kernels.fusion.montecarlo.DcFusionRule} is the fusion rule
 * ({@code dc-fusion}); draws are a function of the sources' contents, the options and the seed alone, so
 * source order and names change nothing.
 */
package io.bayesfuse.kernels.fusion.montecarlo;
