package io.bayesfuse.kernels.filter;

import java.util.Arrays;

/**
 * The state of a Kalman-family filter: mean x (n) and covariance P (n×n, row-major).
 *
 * @param x the mean
 * @param P the covariance, row-major
 */
public record GaussianState(double[] x, double[] P) implements FilterState {

    public GaussianState {
        if (P.length != x.length * x.length) {
            throw new IllegalArgumentException("P has " + P.length + " entries, x has " + x.length);
        }
    }

    @Override
    public int dimension() {
        return x.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianState g && Arrays.equals(x, g.x) && Arrays.equals(P, g.P);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(P);
    }

    @Override
    public String toString() {
        return "GaussianState[x=" + Arrays.toString(x) + ", P=" + Arrays.toString(P) + "]";
    }
}
