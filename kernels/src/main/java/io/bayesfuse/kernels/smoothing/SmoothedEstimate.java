package io.bayesfuse.kernels.smoothing;

import java.util.Arrays;

/**
 * A fixed-lag smoothed estimate: the state at {@code time} given every measurement up to {@code lag}
 * steps later.
 *
 * @param time the estimate's time (epoch milliseconds): that of the step {@code lag} measurements
 *             before the newest
 * @param lag  how many later measurements informed it
 * @param x    the smoothed mean
 * @param P    the smoothed covariance
 */
public record SmoothedEstimate(long time, int lag, double[] x, double[][] P) {

    @Override
    public String toString() {
        return "SmoothedEstimate[t=" + time + ", lag=" + lag + ", x=" + Arrays.toString(x) + "]";
    }
}
