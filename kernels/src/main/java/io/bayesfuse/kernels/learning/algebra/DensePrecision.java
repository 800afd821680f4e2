package io.bayesfuse.kernels.learning.algebra;

/**
 * A dense symmetric positive definite precision Λ (D×D) and its Cholesky factor Λ = L·Lᵀ: the
 * workspace of a learner's block updates. Λ is held as its lower triangle in column-major order,
 * which is the same memory as its upper triangle in row-major order — the packed form of the
 * learner's state ({@link #setPacked}: row j of the packed upper triangle is one contiguous
 * segment), so loading and saving a state copies segments, never transposes.
 *
 * <p>The operations are the few a Bayesian linear or generalised linear model needs:
 * <pre>
 * Λ ← s·Λ, Λ ← Λ + diag(c)            forgetting toward a diagonal prior
 * Λ ← Λ + ZᵀZ                          block update (Z: m rows, each a scaled feature row)
 * L ← chol(Λ)                           the posterior (false when Λ is not positive definite)
 * x = Λ⁻¹b, z ← L⁻¹z (rows), log|Λ|     means, predictive variances |L⁻¹z|², evidence
 * Λ·v, Λ ← Λ⁻¹                           gradients, the random-walk prediction (Λ⁻¹ + Q)⁻¹
 * </pre>
 * Two implementations give the same numbers to rounding: {@link SmallMatrixPrecision} (plain Java
 * loops, for small D) and {@link Nd4jPrecision} (ND4J's native arrays and its OpenBLAS), chosen by
 * {@link #forDimension}. Not thread-safe: one per learner per stream thread.
 */
public interface DensePrecision extends AutoCloseable {

    /**
     * From this dimension on, {@link #forDimension(int)} takes the ND4J path; measured on the build
     * machine by {@code LearnerBlockUpdateBenchmark} (docs/learning.md: with batches of 256 rows the
     * ND4J path was as fast at D = 1 and 2.3–3× faster from D = 2 to 16), kept as the setting
     * {@code learning.nd4jFromDimension}.
     */
    int DEFAULT_ND4J_FROM_DIMENSION = 2;

    int dimension();

    /** Λ from its upper triangle packed row by row (D(D+1)/2 values). */
    void setPacked(double[] packed);

    /** Λ's upper triangle packed row by row into {@code packed} (D(D+1)/2 values). */
    void getPacked(double[] packed);

    /** Λ ← s·Λ. */
    void scale(double s);

    /** Λ ← Λ + diag(c). */
    void addDiagonal(double[] c);

    /** Λ ← Λ + ZᵀZ for the first {@code rows} rows of row-major Z (rows × D). */
    void addGram(double[] Z, int rows);

    /**
     * Factorises the current Λ (which stays as it is).
     *
     * @return false when Λ is not (numerically) positive definite or not finite; nothing but
     * another {@code factor} may follow a failure
     */
    boolean factor();

    /** x = Λ⁻¹b through the factor (x may be b). */
    void solve(double[] b, double[] x);

    /** Every one of the first {@code rows} rows z of row-major Z (rows × D) becomes L⁻¹z, in place. */
    void whiten(double[] Z, int rows);

    /** log det Λ = 2 Σ log Lᵢᵢ, from the factor. */
    double logDeterminant();

    /** out = Λ·v (out may not be v). */
    void multiply(double[] v, double[] out);

    /**
     * Λ ← Λ⁻¹ through a fresh factor (for a prediction in covariance form, then back).
     *
     * @return false when Λ is not positive definite; Λ is then unchanged
     */
    boolean invert();

    @Override
    void close();

    /** The small-matrix path below {@code nd4jFrom}, the ND4J path from there on. */
    static DensePrecision forDimension(int d, int nd4jFrom) {
        return d >= nd4jFrom ? new Nd4jPrecision(d) : new SmallMatrixPrecision(d);
    }

    /** {@link #forDimension(int, int)} with {@link #DEFAULT_ND4J_FROM_DIMENSION}. */
    static DensePrecision forDimension(int d) {
        return forDimension(d, DEFAULT_ND4J_FROM_DIMENSION);
    }

    /** The number of values of a packed D×D symmetric matrix. */
    static int packedLength(int d) {
        long n = (long) d * (d + 1) / 2;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + d + "x" + d + " precision is too large to pack in one array");
        }
        return (int) n;
    }
}
