package io.bayesfuse.kernels.motion;

/**
 * Continuous white noise of spectral density q on the highest derivative, integrated over the
 * step (Bar-Shalom, Li, Kirubarajan 2001, ch. 6, the white-noise kinematic models):
 * Q_ij = q·dt^(2k+1−i−j) / ((k−i)!·(k−j)!·(2k+1−i−j)) for derivatives i, j of an order-k axis.
 * This gives FORMAT.md's tables: CV q·[[dt³/3, dt²/2], [dt²/2, dt]];
 * CA q·[[dt⁵/20, dt⁴/8, dt³/6], [dt⁴/8, dt³/3, dt²/2], [dt³/6, dt²/2, dt]]; a random walk q·dt.
 */
public final class ContinuousWhiteNoise implements ProcessNoise {

    private final double q;

    /** @param spectralDensity q ≥ 0 */
    public ContinuousWhiteNoise(double spectralDensity) {
        if (!(spectralDensity >= 0) || !Double.isFinite(spectralDensity)) {
            throw new IllegalArgumentException("spectral density must be a finite number >= 0, got " + spectralDensity);
        }
        this.q = spectralDensity;
    }

    public double spectralDensity() {
        return q;
    }

    @Override
    public void block(int order, double dt, double[] block) {
        int k = order;
        int w = k + 1;
        for (int i = 0; i <= k; i++) {
            for (int j = 0; j <= k; j++) {
                int power = 2 * k + 1 - i - j;
                block[i * w + j] = q * power(dt, power) / (factorial(k - i) * factorial(k - j) * power);
            }
        }
    }

    /** dt^p by repeated multiplication (p ≤ 5 here; cheaper than Math.pow on the per-record path). */
    static double power(double dt, int p) {
        double r = dt;
        for (int i = 1; i < p; i++) {
            r *= dt;
        }
        return r;
    }

    static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
