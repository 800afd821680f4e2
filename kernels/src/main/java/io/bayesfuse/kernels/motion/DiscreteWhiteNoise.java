package io.bayesfuse.kernels.motion;

/**
 * Discrete (piecewise-constant) white noise of variance σ²: Q = σ²·Γ·Γᵀ per axis, with the
 * noise gain Γ of FORMAT.md (the same as FilterPy's {@code Q_discrete_white_noise}):
 * <ul>
 * <li>constant velocity (order 1): Γ = [dt²/2, dt], a constant white acceleration over the step;</li>
 * <li>constant acceleration (order 2): Γ = [dt²/2, dt, 1];</li>
 * <li>random walk (order 0): Γ = [dt], a constant white velocity over the step (the order-0
 * analogue of the constant-velocity case; FORMAT.md does not cover it).</li>
 * </ul>
 */
public final class DiscreteWhiteNoise implements ProcessNoise {

    private final double variance;

    /** @param variance σ² ≥ 0 */
    public DiscreteWhiteNoise(double variance) {
        if (!(variance >= 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("variance must be a finite number >= 0, got " + variance);
        }
        this.variance = variance;
    }

    public double variance() {
        return variance;
    }

    @Override
    public void block(int order, double dt, double[] block) {
        int w = order + 1;
        for (int i = 0; i <= order; i++) {
            for (int j = 0; j <= order; j++) {
                block[i * w + j] = variance * gain(order, i, dt) * gain(order, j, dt);
            }
        }
    }

    /** Γ_i for derivative i of an order-k axis. */
    private static double gain(int order, int i, double dt) {
        return switch (order) {
            case 0 -> dt;
            case 1 -> i == 0 ? dt * dt / 2 : dt;
            case 2 -> i == 0 ? dt * dt / 2 : i == 1 ? dt : 1.0;
            default -> throw new IllegalArgumentException(
                    "discrete white noise is defined for kinematic orders 0, 1 and 2, not " + order);
        };
    }
}
