package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;

/**
 * A source's draws x₁, …, x_T made into a density dc-fusion can use: the Gaussian kernel density of
 * n = min(T, {@code components}) of them, taken evenly spaced in the order sent (the source's own
 * content, so the result depends on nothing else),
 * <pre>
 *   f̂(θ) = (1/n) Σₘ N(θ; x_{⌊mT/n⌋}, H),   H = (β · n^(−1/(d+4)))² Σ̂
 * </pre>
 * with Σ̂ the sample covariance of all T draws and n^(−1/(d+4)) Scott's rule (Scott 1992, §6.3; β the
 * {@code bandwidth} option, 1 by default). The kernel density is what is fused: its covariance is
 * Σ̂(1 + β²n^(−2/(d+4))) rather than Σ̂ (for n = 32, d = 2: 1.31 Σ̂), so dc-fusion of smoothed draws is
 * exact for the smoothed sub-posteriors, not for the sources' unknown densities; more components
 * shrink the difference at the cost of slower fusion (every kernel is a mixture component).
 */
final class DrawSmoothing {

    private DrawSmoothing() {
    }

    /**
     * @throws InvalidInputException naming {@code subject} when there are fewer than d + 2 draws, rows of
     *                               different lengths, non-finite entries or a degenerate covariance
     */
    static MixtureLeaf kernelDensity(String subject, double[][] draws, int components, double bandwidth) {
        if (draws == null || draws.length == 0 || draws[0] == null || draws[0].length == 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "draws", "is empty");
        }
        int T = draws.length;
        int d = draws[0].length;
        if (T < d + 2) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "draws",
                    "has " + T + " draws of dimension " + d + ", needs at least " + (d + 2) + " to smooth them");
        }
        double[] flat = new double[T * d];
        for (int t = 0; t < T; t++) {
            if (draws[t] == null || draws[t].length != d) {
                throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "draws[" + t + "]", "is not of dimension " + d);
            }
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(draws[t][i])) {
                    throw new InvalidInputException(Problem.NON_FINITE, subject, "draws[" + t + "][" + i + "]", "is " + draws[t][i]);
                }
                flat[t * d + i] = draws[t][i];
            }
        }
        double[] covariance = SampleMoments.of(flat, T, d).covariance();
        int n = Math.min(T, components);
        double b = bandwidth * Math.pow(n, -1.0 / (d + 4));
        double[][] H = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                H[i][k] = b * b * covariance[i * d + k];
            }
        }
        if (!CholeskySolver.isPositiveDefinite(DMatrixRMaj.wrap(d, d, covariance))) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, "draws",
                    "have a sample covariance that is not positive definite (the draws lie on a lower-dimensional set)");
        }
        double[] weights = new double[n];
        double[][] means = new double[n][];
        double[][][] kernels = new double[n][][];
        for (int m = 0; m < n; m++) {
            weights[m] = 1.0;
            means[m] = draws[(int) ((long) m * T / n)].clone();
            kernels[m] = H;
        }
        return MixtureLeaf.of(weights, means, kernels);
    }
}
