package io.bayesfuse.kernels.changepoint;

/**
 * What one observation did to a channel's changepoint detector.
 *
 * @param state                   the new state to store
 * @param detected                a change was detected at this observation ({@link ChangeDecision})
 * @param changeStart             when {@code detected}: the timestamp of the first observation of the new
 *                                regime; otherwise {@link ChangepointState#NOT_STARTED}
 * @param delay                   when {@code detected}: observations from the change to this one, counting
 *                                both (1 = detected on the first new observation); otherwise 0
 * @param recentChangeProbability P(1 ≤ r_t ≤ W | x_{1:t}), the statistic the decision thresholds
 * @param mostProbableRunLength   argmax_r P(r_t = r | x_{1:t})
 * @param logPredictive           log p(x_t | x_{1:t−1}), the observation's log density under the
 *                                run-length mixture: low values flag surprising observations
 */
public record ChangepointUpdate(ChangepointState state, boolean detected, long changeStart, int delay,
                                double recentChangeProbability, int mostProbableRunLength, double logPredictive) {
}
