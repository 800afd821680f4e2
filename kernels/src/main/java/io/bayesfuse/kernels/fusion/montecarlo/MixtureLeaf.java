package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * One sub-posterior fᵢ(θ) = Σₖ wₖ N(θ; μₖ, Σₖ) of a Monte Carlo fusion: a leaf of the fusion tree.
 * Everything the fusion needs of it is exact: its draws, its log-density's gradient and Laplacian
 * (through {@link WhitenedProduct}) and its mean and covariance (the preconditioner of its bridges).
 * Immutable; weights normalised.
 *
 * <p>Its {@link #contentHash()} is a function of the numbers alone (never of the source's name), so
 * that the fusion tree, and every random number drawn for it, depend on the sub-posteriors only.
 */
public final class MixtureLeaf {

    private final int d;
    private final double[] weights;        // wₖ, normalised
    private final double[] means;          // μₖ, row k at [k·d, (k+1)·d)
    private final double[] covariances;    // Σₖ row-major, block k at [k·d², (k+1)·d²)
    private final double[] choleskyFactors; // lower Lₖ with Σₖ = LₖLₖᵀ, same layout
    private final double[] precisions;     // Σₖ⁻¹, same layout
    private final double[] logDeterminants; // log det Σₖ
    private final double[] cumulative;     // cumulative weights, for drawing a component
    private final double[] mean;           // Σ wₖ μₖ
    private final double[] covariance;     // Σ wₖ (Σₖ + (μₖ − μ)(μₖ − μ)ᵀ), row-major
    private final long contentHash;

    private MixtureLeaf(int d, double[] weights, double[] means, double[] covariances) {
        this.d = d;
        int M = weights.length;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.choleskyFactors = new double[M * d * d];
        this.precisions = new double[M * d * d];
        this.logDeterminants = new double[M];
        this.cumulative = new double[M];
        CholeskySolver cholesky = new CholeskySolver();
        DMatrixRMaj L = new DMatrixRMaj(d, d);
        DMatrixRMaj inverse = new DMatrixRMaj(d, d);
        double total = 0;
        for (int k = 0; k < M; k++) {
            DMatrixRMaj S = DMatrixRMaj.wrap(d, d, Arrays.copyOfRange(covariances, k * d * d, (k + 1) * d * d));
            if (!cholesky.decompose(S)) {
                throw new IllegalArgumentException("mixture component " + k + ": covariance is not positive definite");
            }
            cholesky.lowerFactor(L);
            cholesky.invert(inverse);
            System.arraycopy(L.data, 0, choleskyFactors, k * d * d, d * d);
            System.arraycopy(inverse.data, 0, precisions, k * d * d, d * d);
            logDeterminants[k] = cholesky.logDeterminant();
            total += weights[k];
            cumulative[k] = total;
        }
        cumulative[M - 1] = 1.0;
        this.mean = new double[d];
        for (int k = 0; k < M; k++) {
            for (int i = 0; i < d; i++) {
                mean[i] += weights[k] * means[k * d + i];
            }
        }
        this.covariance = new double[d * d];
        for (int k = 0; k < M; k++) {
            for (int i = 0; i < d; i++) {
                double di = means[k * d + i] - mean[i];
                for (int j = 0; j < d; j++) {
                    covariance[i * d + j] += weights[k] * (covariances[k * d * d + i * d + j] + di * (means[k * d + j] - mean[j]));
                }
            }
        }
        symmetrise(covariance, d);
        this.contentHash = hash(d, weights, means, covariances);
    }

    /**
     * A mixture from positive weights (normalised here), means (row k = component k) and
     * covariances (row-major d×d each, symmetric positive definite).
     *
     * @throws IllegalArgumentException when the shapes disagree, a weight is not positive or a
     *                                  covariance is not positive definite
     */
    public static MixtureLeaf of(double[] weights, double[][] means, double[][][] covariances) {
        int M = weights.length;
        if (M == 0 || means.length != M || covariances.length != M) {
            throw new IllegalArgumentException("a mixture needs as many means and covariances as weights, got "
                    + M + ", " + means.length + ", " + covariances.length);
        }
        int d = means[0].length;
        double[] w = new double[M];
        double[] mu = new double[M * d];
        double[] S = new double[M * d * d];
        double sum = 0;
        for (int k = 0; k < M; k++) {
            if (!(weights[k] > 0) || !Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("mixture weight " + k + " is " + weights[k] + ", must be positive and finite");
            }
            sum += weights[k];
        }
        for (int k = 0; k < M; k++) {
            w[k] = weights[k] / sum;
            if (means[k].length != d || covariances[k].length != d) {
                throw new IllegalArgumentException("mixture component " + k + " is not of dimension " + d);
            }
            System.arraycopy(means[k], 0, mu, k * d, d);
            for (int i = 0; i < d; i++) {
                System.arraycopy(covariances[k][i], 0, S, k * d * d + i * d, d);
            }
        }
        for (int k = 0; k < M; k++) {
            symmetriseBlock(S, k, d);
        }
        return new MixtureLeaf(d, w, mu, S);
    }

    /** A leaf from its {@link #toArrays()} form, taken exactly as written. */
    public static MixtureLeaf fromArrays(double[] weights, double[] means, double[] packedCovariances) {
        int M = weights.length;
        if (M == 0 || means.length % M != 0) {
            throw new IllegalArgumentException("mixture arrays: " + means.length + " mean entries for " + M + " components");
        }
        int d = means.length / M;
        int packed = SymmetricPacking.packedLength(d);
        if (packedCovariances.length != M * packed) {
            throw new IllegalArgumentException("mixture arrays: " + packedCovariances.length + " covariance entries for "
                    + M + " components of dimension " + d);
        }
        double[] S = new double[M * d * d];
        for (int k = 0; k < M; k++) {
            double[] full = SymmetricPacking.unpack(Arrays.copyOfRange(packedCovariances, k * packed, (k + 1) * packed), d);
            System.arraycopy(full, 0, S, k * d * d, d * d);
        }
        return new MixtureLeaf(d, weights.clone(), means.clone(), S);
    }

    /** [weights, means (row by row), covariances (packed upper triangles, one after another)]. */
    public double[][] toArrays() {
        int M = size();
        int packed = SymmetricPacking.packedLength(d);
        double[] P = new double[M * packed];
        for (int k = 0; k < M; k++) {
            System.arraycopy(SymmetricPacking.pack(Arrays.copyOfRange(covariances, k * d * d, (k + 1) * d * d), d), 0,
                    P, k * packed, packed);
        }
        return new double[][]{weights.clone(), means.clone(), P};
    }

    public int dimension() {
        return d;
    }

    /** The number of components. */
    public int size() {
        return weights.length;
    }

    public double weight(int k) {
        return weights[k];
    }

    /** μₖ's i-th entry. */
    public double mean(int k, int i) {
        return means[k * d + i];
    }

    /** Σₖ⁻¹ (row-major) of component k, a view: do not modify. */
    double[] precisions() {
        return precisions;
    }

    double[] means() {
        return means;
    }

    double logDeterminant(int k) {
        return logDeterminants[k];
    }

    /** Σₖ (row-major d×d) of component k, a copy. */
    public double[] covarianceOf(int k) {
        return Arrays.copyOfRange(covariances, k * d * d, (k + 1) * d * d);
    }

    /** The mixture's mean, a copy. */
    public double[] mean() {
        return mean.clone();
    }

    /** The mixture's covariance (row-major d×d), a copy. */
    public double[] covariance() {
        return covariance.clone();
    }

    /** A hash of the numbers (dimension, weights, means, covariances), stable across runs and JVMs. */
    public long contentHash() {
        return contentHash;
    }

    /** One exact draw into {@code out[offset..offset+d)}: a component by its weight, then μₖ + Lₖξ. */
    public void draw(SplitMix64 random, double[] out, int offset, double[] xi) {
        double u = random.nextDouble();
        int k = 0;
        while (k < cumulative.length - 1 && cumulative[k] <= u) {
            k++;
        }
        for (int i = 0; i < d; i++) {
            xi[i] = random.nextGaussian();
        }
        int base = k * d * d;
        for (int i = 0; i < d; i++) {
            double v = means[k * d + i];
            for (int j = 0; j <= i; j++) {
                v += choleskyFactors[base + i * d + j] * xi[j];
            }
            out[offset + i] = v;
        }
    }

    /** log fᵢ(θ) (normalised, with the 2π terms), for tests and diagnostics. */
    public double logDensity(double[] theta) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[size()];
        double[] u = new double[d];
        for (int k = 0; k < size(); k++) {
            for (int i = 0; i < d; i++) {
                u[i] = theta[i] - means[k * d + i];
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += precisions[k * d * d + i * d + j] * u[j];
                }
                q += u[i] * s;
            }
            terms[k] = Math.log(weights[k]) - 0.5 * (q + logDeterminants[k] + d * Math.log(2 * Math.PI));
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    static long hash(int d, double[]... arrays) {
        long h = SplitMix64.mix(0x6d63667573696f6eL ^ d);
        for (double[] a : arrays) {
            h = SplitMix64.mix(h ^ a.length);
            for (double v : a) {
                h = SplitMix64.mix(h ^ Double.doubleToLongBits(v == 0.0 ? 0.0 : v));
            }
        }
        return h;
    }

    private static void symmetrise(double[] A, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (A[i * d + j] + A[j * d + i]);
                A[i * d + j] = v;
                A[j * d + i] = v;
            }
        }
    }

    private static void symmetriseBlock(double[] S, int k, int d) {
        int base = k * d * d;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (S[base + i * d + j] + S[base + j * d + i]);
                S[base + i * d + j] = v;
                S[base + j * d + i] = v;
            }
        }
    }
}
