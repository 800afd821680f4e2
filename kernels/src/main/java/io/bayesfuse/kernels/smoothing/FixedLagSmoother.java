package io.bayesfuse.kernels.smoothing;

import io.bayesfuse.kernels.filter.GaussianState;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-lag smoothing with lag L steps: after each step k it gives x_{k−L|k}, the estimate of the
 * state L measurements ago given everything up to now. It keeps the last L + 1 filtered estimates
 * ({@link SmootherWindow}) and runs the {@link RauchTungStriebel} backward pass from step k (where the
 * smoothed estimate is the filtered one) to step k − L. This is exactly the fixed-interval RTS
 * smoother over all steps so far, evaluated at k − L: a backward step only needs the filtered
 * estimate of its own step and the smoothed one of the next, so nothing older than the window is used.
 *
 * <p>Cost per step: L backward steps, each O(n³) (one n×n Cholesky solve); the stored window is
 * (L + 1)·(n + n(n+1)/2) doubles. Preallocated; not thread-safe: one per stream thread.
 */
public final class FixedLagSmoother {

    private final RauchTungStriebel rts;
    private final int lag;
    private final int n;
    private final DMatrixRMaj x;
    private final DMatrixRMaj P;
    private final DMatrixRMaj xs;
    private final DMatrixRMaj Ps;

    /** @param lag L ≥ 1 steps */
    public FixedLagSmoother(MotionModel motion, int lag) {
        if (lag < 1) {
            throw new IllegalArgumentException("fixed-lag smoothing needs a lag of at least 1 step, got " + lag);
        }
        this.rts = new RauchTungStriebel(motion);
        this.lag = lag;
        this.n = motion.stateSize();
        this.x = new DMatrixRMaj(n, 1);
        this.P = new DMatrixRMaj(n, n);
        this.xs = new DMatrixRMaj(n, 1);
        this.Ps = new DMatrixRMaj(n, n);
    }

    public int lag() {
        return lag;
    }

    /** The window with the filtered estimate (x, P) at {@code time} added as the newest, keeping L + 1. */
    public SmootherWindow append(SmootherWindow window, long time, DMatrixRMaj x, DMatrixRMaj P) {
        return append(window, time, new GaussianState(Matrices.toArray(x), P.data.clone()));
    }

    /** The window with {@code filtered} at {@code time} added as the newest, keeping the last L + 1. */
    public SmootherWindow append(SmootherWindow window, long time, GaussianState filtered) {
        if (filtered.dimension() != n) {
            throw new IllegalArgumentException("a smoother over " + n + " states cannot take an estimate of " + filtered.dimension());
        }
        int keep = Math.min(window.size(), lag);
        int from = window.size() - keep;
        long[] times = Arrays.copyOfRange(window.times(), from, from + keep + 1);
        times[keep] = time;
        List<GaussianState> states = new ArrayList<>(keep + 1);
        states.addAll(window.filtered().subList(from, window.size()));
        states.add(filtered);
        return new SmootherWindow(times, states);
    }

    /**
     * x_{k−L|k}: the smoothed estimate at the window's oldest step, once the window holds L + 1 steps.
     *
     * @return null while the entity has had fewer than L + 1 steps, or when a predicted covariance in
     * the window is not positive definite
     */
    public SmoothedEstimate smooth(SmootherWindow window) {
        if (window.size() < lag + 1) {
            return null;
        }
        return backward(window, 0);
    }

    /**
     * The smoothed estimates of every step in the window given all of it (the fixed-interval RTS
     * smoother over the window, in one backward pass), oldest first; the newest is its filtered estimate.
     *
     * @return null when a predicted covariance is not positive definite
     */
    public List<SmoothedEstimate> smoothAll(SmootherWindow window) {
        int newest = window.size() - 1;
        SmoothedEstimate[] all = new SmoothedEstimate[window.size()];
        if (newest < 0) {
            return List.of();
        }
        load(window.filtered().get(newest), xs, Ps);
        all[newest] = new SmoothedEstimate(window.times()[newest], 0, Matrices.toArray(xs), Matrices.toRows(Ps));
        for (int k = newest - 1; k >= 0; k--) {
            load(window.filtered().get(k), x, P);
            if (!rts.smoothStep((window.times()[k + 1] - window.times()[k]) / 1000.0, x, P, xs, Ps)) {
                return null;
            }
            all[k] = new SmoothedEstimate(window.times()[k], newest - k, Matrices.toArray(xs), Matrices.toRows(Ps));
        }
        return List.of(all);
    }

    /** The backward pass from the newest step to step {@code to}. */
    private SmoothedEstimate backward(SmootherWindow window, int to) {
        int newest = window.size() - 1;
        load(window.filtered().get(newest), xs, Ps);
        for (int k = newest - 1; k >= to; k--) {
            load(window.filtered().get(k), x, P);
            double dt = (window.times()[k + 1] - window.times()[k]) / 1000.0;
            if (!rts.smoothStep(dt, x, P, xs, Ps)) {
                return null;
            }
        }
        return new SmoothedEstimate(window.times()[to], newest - to, Matrices.toArray(xs), Matrices.toRows(Ps));
    }

    private void load(GaussianState state, DMatrixRMaj mean, DMatrixRMaj covariance) {
        System.arraycopy(state.x(), 0, mean.data, 0, n);
        System.arraycopy(state.P(), 0, covariance.data, 0, n * n);
    }
}
