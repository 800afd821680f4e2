package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.motion.MotionModel;

/**
 * The extended Kalman filter: the Kalman update with the measurement model linearised at the
 * predicted state, H = ∂h/∂x(x⁻), ẑ = h(x⁻), and angle residuals wrapped (FORMAT.md "ekf";
 * Bar-Shalom et al. 2001, §10.3). With a linear model it is exactly the Kalman filter.
 */
public final class ExtendedKalmanFilter extends KalmanFilter {

    public ExtendedKalmanFilter(MotionModel motion) {
        super(motion);
    }

    @Override
    protected boolean linearises() {
        return true;
    }

    @Override
    public String toString() {
        return "extended Kalman filter on " + motion;
    }
}
