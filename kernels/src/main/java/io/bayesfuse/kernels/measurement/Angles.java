package io.bayesfuse.kernels.measurement;

/** Angle arithmetic for bearing-like measurement components. */
public final class Angles {

    private static final double TWO_PI = 2 * Math.PI;

    private Angles() {
    }

    /** The angle equal to {@code a} modulo 2π in (−π, π]. */
    public static double wrap(double a) {
        if (a > -Math.PI && a <= Math.PI) {
            return a;
        }
        double w = a - TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
        return w == -Math.PI ? Math.PI : w;
    }

    /**
     * The weighted circular mean atan2(Σ wᵢ sin θᵢ, Σ wᵢ cos θᵢ) of column {@code row} of a matrix
     * whose columns are samples (FORMAT.md's UKF bearing mean).
     */
    public static double circularMean(double[] samples, int row, int columns, double[] weights) {
        double s = 0;
        double c = 0;
        for (int j = 0; j < columns; j++) {
            double theta = samples[row * columns + j];
            s += weights[j] * Math.sin(theta);
            c += weights[j] * Math.cos(theta);
        }
        return Math.atan2(s, c);
    }
}
