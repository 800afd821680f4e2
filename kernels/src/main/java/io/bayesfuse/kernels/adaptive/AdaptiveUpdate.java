package io.bayesfuse.kernels.adaptive;

import io.bayesfuse.kernels.filter.UpdateResult.Outcome;

/**
 * What one noise-adaptive update did.
 *
 * @param outcome       applied, gated (the state is the prediction) or diverged, decided on the first iteration
 * @param nis           the NIS of the measurement under the predicted noise estimate (the first iteration's),
 *                      so it measures consistency as a fixed-R filter's NIS does, without the measurement
 *                      having informed its own R
 * @param logLikelihood log N(y; 0, S) under the same predicted noise estimate
 * @param posterior     the sensor's noise posterior after the measurement (only forgotten, not updated,
 *                      when the measurement was gated or the filter diverged)
 */
public record AdaptiveUpdate(Outcome outcome, double nis, double logLikelihood, NoisePosterior posterior) {
}
