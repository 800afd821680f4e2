package io.bayesfuse.kernels.adaptive;

import java.util.Arrays;

/**
 * An inverse-Wishart posterior over a full R: R ~ IW(ν, V), density
 * ∝ |R|^−(ν+m+1)/2 exp(−½ tr(V R⁻¹)) (Särkkä &amp; Hartikainen 2013, "Variational Bayesian adaptation
 * of noise covariances in non-linear Kalman filtering"). E[R] = V/(ν − m − 1) for ν &gt; m + 1 and,
 * since R⁻¹ ~ Wishart(ν, V⁻¹), (E[R⁻¹])⁻¹ = V/ν. For m = 1 it is the inverse-Gamma with α = ν/2, β = V/2.
 *
 * @param nu the degrees of freedom ν &gt; m − 1
 * @param V  the scale matrix (m×m, row-major, symmetric positive definite)
 */
public record InverseWishartNoise(double nu, double[] V) implements NoisePosterior {

    public InverseWishartNoise {
        int m = (int) Math.round(Math.sqrt(V.length));
        if (m == 0 || m * m != V.length) {
            throw new IllegalArgumentException("inverse-Wishart noise: V has " + V.length + " entries, not a square matrix's");
        }
    }

    @Override
    public int dimension() {
        return (int) Math.round(Math.sqrt(V.length));
    }

    @Override
    public double[][] mean() {
        int m = dimension();
        if (!(nu > m + 1)) {
            double[][] R = new double[m][m];
            for (int i = 0; i < m; i++) {
                R[i][i] = Double.POSITIVE_INFINITY;
            }
            return R;
        }
        return scaled(1 / (nu - m - 1));
    }

    @Override
    public double[][] variationalR() {
        return scaled(1 / nu);
    }

    private double[][] scaled(double c) {
        int m = dimension();
        double[][] R = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                R[i][j] = c * V[i * m + j];
            }
        }
        return R;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InverseWishartNoise n && Double.compare(nu, n.nu) == 0 && Arrays.equals(V, n.V);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(nu) + Arrays.hashCode(V);
    }

    @Override
    public String toString() {
        return "InverseWishartNoise[nu=" + nu + ", V=" + Arrays.toString(V) + "]";
    }
}
