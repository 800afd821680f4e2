/**
 * Validation gates: a {@link io.bayesfuse.kernels.gating.Gate} decides from a measurement's normalised
 * innovation squared (NIS) whether the measurement is applied.
 * {@link io.bayesfuse.kernels.gating.ChiSquareGate} accepts when the NIS is at most the chi-square
 * quantile of the gate probability, so that under a consistent filter a true measurement passes with that
 * probability; its thresholds are computed once, so gating on the per-record path allocates nothing.
 */
package io.bayesfuse.kernels.gating;
