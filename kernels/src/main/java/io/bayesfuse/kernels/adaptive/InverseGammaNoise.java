package io.bayesfuse.kernels.adaptive;

import java.util.Arrays;

/**
 * Independent inverse-Gamma posteriors over the diagonal of R: σᵢ² ~ IG(αᵢ, βᵢ), density
 * ∝ (σ²)^−(α+1) exp(−β/σ²) (Särkkä &amp; Nummenmaa 2009). E[σᵢ²] = βᵢ/(αᵢ − 1) for αᵢ &gt; 1 and
 * (E[σᵢ⁻²])⁻¹ = βᵢ/αᵢ.
 *
 * @param alpha the shapes αᵢ &gt; 0
 * @param beta  the scales βᵢ &gt; 0
 */
public record InverseGammaNoise(double[] alpha, double[] beta) implements NoisePosterior {

    public InverseGammaNoise {
        if (alpha.length != beta.length || alpha.length == 0) {
            throw new IllegalArgumentException("inverse-gamma noise: " + alpha.length + " shapes and " + beta.length + " scales");
        }
    }

    @Override
    public int dimension() {
        return alpha.length;
    }

    @Override
    public double[][] mean() {
        double[][] R = new double[alpha.length][alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            R[i][i] = alpha[i] > 1 ? beta[i] / (alpha[i] - 1) : Double.POSITIVE_INFINITY;
        }
        return R;
    }

    @Override
    public double[][] variationalR() {
        double[][] R = new double[alpha.length][alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            R[i][i] = beta[i] / alpha[i];
        }
        return R;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InverseGammaNoise n && Arrays.equals(alpha, n.alpha) && Arrays.equals(beta, n.beta);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(alpha) + Arrays.hashCode(beta);
    }

    @Override
    public String toString() {
        return "InverseGammaNoise[alpha=" + Arrays.toString(alpha) + ", beta=" + Arrays.toString(beta) + "]";
    }
}
