package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * Turns the run-length posterior into "a changepoint was detected at this observation".
 *
 * <p>The recursion itself never points at a change directly: with a constant hazard
 * P(r_t = 0 | x_{1:t}) = H at every step. A change shows as posterior mass moving to short run
 * lengths. The rule:
 * <ul>
 * <li>the <em>recent-change probability</em> is p_t = P(1 ≤ r_t ≤ W | x_{1:t}), the probability that
 * the current regime began within the last {@code window} = W observations (runs that began with the
 * stream itself are not changes and do not count);</li>
 * <li>a change is <em>detected</em> at the first observation where p_t ≥ {@code threshold}; its start
 * is the first observation of the most probable run among 1 ≤ r ≤ W, and the
 * <em>delay</em> is that run's length (1: detected on the first observation of the new regime);</li>
 * <li>after a detection the rule is disarmed until p_t falls below {@code rearm}, so one change is
 * reported once. Two changes less than about W observations apart are reported as one.</li>
 * </ul>
 * A change is only visible once its run is probable, and W bounds the delay that can be detected:
 * choose W above the delay expected for the smallest change of interest (measured delays are in
 * {@code ChangepointDetectorTest}).
 *
 * @param window    W ≥ 1 observations
 * @param threshold detection threshold on p_t, in (0, 1)
 * @param rearm     p_t below which the next change may be detected, in [0, threshold]
 */
public record ChangeDecision(int window, double threshold, double rearm) {

    /** W = 20, detect at 0.8, re-arm below 0.1: the settings whose delays and false alarms the tests measure. */
    public static final ChangeDecision DEFAULT = new ChangeDecision(20, 0.8, 0.1);

    public ChangeDecision {
        requireWindow("change decision", window);
        requireThreshold("change decision", threshold);
        requireRearm("change decision", rearm, threshold);
    }

    /** The one check of W, shared with the configuration. @throws InvalidInputException when W &lt; 1 */
    public static void requireWindow(String subject, int window) {
        if (window < 1) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "window", "is " + window + ", must be at least 1 observation");
        }
    }

    /** The one check of the threshold, shared with the configuration. @throws InvalidInputException outside (0, 1) */
    public static void requireThreshold(String subject, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "threshold",
                    "is " + threshold + ", must lie strictly between 0 and 1");
        }
    }

    /** The one check of the re-arm level, shared with the configuration. @throws InvalidInputException outside [0, threshold] */
    public static void requireRearm(String subject, double rearm, double threshold) {
        if (!(rearm >= 0 && rearm <= threshold)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "rearm",
                    "is " + rearm + ", must lie in [0, threshold = " + threshold + "]");
        }
    }
}
