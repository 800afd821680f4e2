/**
 * Fisher-weighted merging of model parameters with diagonal Fisher information (Matena &amp; Raffel 2022):
 * {@link io.bayesfuse.kernels.fusion.fisher.FisherRule}, elementwise, with per-source weights and a floor
 * under the Fisher values. It is incremental: its running sums are kept with rounding-error compensation,
 * so replacing or retracting one source costs the same whatever the number of sources and leaves the sums
 * accurate to rounding of what remains. The loops run over plain arrays because a model may have millions
 * of parameters.
 */
package io.bayesfuse.kernels.fusion.fisher;
