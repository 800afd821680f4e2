package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.SingleGaussianFilter;
import io.bayesfuse.kernels.smoothing.FixedLagSmoother;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;

/**
 * Fixed-lag smoothing of an entity's filtered estimates ({@link SmoothingPolicy}): the state keeps
 * the last L + 1 filtered estimates ({@link EntityState#smoother()}) and every result carries the
 * RTS-smoothed estimate L measurements back. A separate window rather than the out-of-order
 * history: the history holds measurements, bounded by time, and re-filtering it on every record
 * would cost O(history); the window holds exactly the L + 1 moments the backward pass needs. A
 * reset empties it. When smoothing is off every window is null (stored as empty) and there is no
 * smoothed estimate.
 */
final class EntitySmoothing {

    private final RecursiveFilter filter;
    private final FixedLagSmoother smoother;

    /**
     * @throws InvalidInputException when smoothing is on but the filter has no single linear motion model
     */
    EntitySmoothing(SmoothingPolicy policy, RecursiveFilter filter) {
        this.filter = filter;
        if (!policy.enabled()) {
            this.smoother = null;
        } else if (filter instanceof SingleGaussianFilter g) {
            this.smoother = new FixedLagSmoother(g.motionModel(), policy.lag());
        } else {
            throw new InvalidInputException(Problem.INCONSISTENT, "filter", "smoothing",
                    "needs a Gaussian filter (kf, ekf, ukf or information) with one linear motion model, but the filter is a " + filter);
        }
    }

    boolean enabled() {
        return smoother != null;
    }

    /**
     * The window after a step that ended at {@code time} with the filter's estimate: {@code window}
     * (emptied first when the step reset the entity) with that estimate appended.
     */
    SmootherWindow afterStep(SmootherWindow window, EntityStatus status, long time) {
        return smoother == null ? null : append(status == EntityStatus.RESET ? SmootherWindow.EMPTY : window, time);
    }

    /** {@code window} with the filter's current estimate at {@code time} appended. */
    SmootherWindow append(SmootherWindow window, long time) {
        return smoother == null ? null : smoother.append(window, time, filter.mean(), filter.covariance());
    }

    /** The smoothed estimate L entries back in {@code window}, or null without smoothing. */
    SmoothedEstimate smooth(SmootherWindow window) {
        return smoother == null ? null : smoother.smooth(window);
    }

    /**
     * The index of the first of {@code count} re-filtered estimates that can remain in the window
     * (only the newest L + 1 can); {@code count} without smoothing.
     */
    int firstWindowed(int count) {
        return smoother == null ? count : count - (smoother.lag() + 1);
    }

    /** {@code window} without its newest {@code count} entries (to be rebuilt), or null without smoothing. */
    SmootherWindow dropNewest(SmootherWindow window, int count) {
        return smoother == null ? null : window.dropNewest(count);
    }

    /** An empty window, or null without smoothing. */
    SmootherWindow empty() {
        return smoother == null ? null : SmootherWindow.EMPTY;
    }
}
