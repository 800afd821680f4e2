package io.bayesfuse.kernels.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.util.Arrays;

/**
 * Solves A·X = B for a symmetric positive definite A through its Cholesky factor A = L·Lᵀ,
 * reusing its work arrays so that the per-record path allocates nothing once it is sized.
 * Filters use it for S⁻¹ (never an explicit inverse on the per-record path); fusion for the
 * fused mean and covariance from information sums.
 *
 * <p>Not thread-safe: one instance per filter or per stream thread.
 */
public final class CholeskySolver {

    private final CholeskyDecomposition_F64<DMatrixRMaj> cholesky;
    private DMatrixRMaj factor;
    private final DMatrixRMaj work;
    private int n = -1;
    private boolean decomposed;

    public CholeskySolver() {
        this.cholesky = DecompositionFactory_DDRM.chol(true);
        this.factor = new DMatrixRMaj(1, 1);
        this.work = new DMatrixRMaj(1, 1);
    }

    /**
     * Factorises a copy of {@code A} (A itself is left untouched).
     *
     * @return false when A is not (numerically) positive definite or not finite; then nothing
     * else may be called until a successful {@code decompose}
     */
    public boolean decompose(DMatrixRMaj A) {
        if (A.numRows != A.numCols) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got " + Matrices.shape(A));
        }
        n = A.numRows;
        factor.reshape(n, n);
        factor.setTo(A);
        decomposed = Matrices.isFinite(factor) && cholesky.decompose(factor);
        if (decomposed) {
            // EJML leaves the upper triangle untouched; positive diagonal is the definiteness test
            for (int i = 0; i < n; i++) {
                double lii = factor.unsafe_get(i, i);
                if (!(lii > 0) || !Double.isFinite(lii)) {
                    decomposed = false;
                    break;
                }
            }
        }
        return decomposed;
    }

    /**
     * True when {@code A} (square) is finite and its Cholesky factorisation succeeds: the same answer as
     * {@link #decompose} on a new solver, by the same inner-product algorithm in the same order of
     * operations (EJML's lower decomposition; a diagonal that is not positive fails),
     * without a solver, a copy into a matrix object or the factor's upper triangle. For checking
     * inputs on the per-record path, where only the answer is wanted.
     */
    public static boolean isPositiveDefinite(DMatrixRMaj A) {
        if (A.numRows != A.numCols) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got " + Matrices.shape(A));
        }
        if (!Matrices.isFinite(A)) {
            return false;
        }
        int n = A.numRows;
        double[] t = Arrays.copyOf(A.data, n * n);
        double inverseDiagonal = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = t[i * n + j];
                for (int ik = i * n, jk = j * n, end = i * n + i; ik < end; ik++, jk++) {
                    sum -= t[ik] * t[jk];
                }
                if (i == j) {
                    // a finite diagonal less squares: at most the finite input, so never +infinity;
                    // an overflow gives -infinity or NaN, refused here as decompose refuses it
                    if (!(sum > 0)) {
                        return false;
                    }
                    double diagonal = Math.sqrt(sum);
                    t[i * n + i] = diagonal;
                    inverseDiagonal = 1.0 / diagonal;
                } else {
                    t[j * n + i] = sum * inverseDiagonal;
                }
            }
        }
        return true;
    }

    /** The size of the last decomposed matrix. */
    public int size() {
        return n;
    }

    /** X = A⁻¹·B, for B with n rows (X may not be B). */
    public void solve(DMatrixRMaj B, DMatrixRMaj X) {
        requireDecomposed();
        if (B.numRows != n) {
            throw new IllegalArgumentException("right-hand side has " + B.numRows + " rows, A is " + n + "x" + n);
        }
        X.reshape(B.numRows, B.numCols);
        int cols = B.numCols;
        // forward substitution L·Y = B, then back substitution Lᵀ·X = Y, column by column
        double[] L = factor.data;
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < n; i++) {
                double sum = B.data[i * cols + c];
                for (int k = 0; k < i; k++) {
                    sum -= L[i * n + k] * X.data[k * cols + c];
                }
                X.data[i * cols + c] = sum / L[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = X.data[i * cols + c];
                for (int k = i + 1; k < n; k++) {
                    sum -= L[k * n + i] * X.data[k * cols + c];
                }
                X.data[i * cols + c] = sum / L[i * n + i];
            }
        }
    }

    /**
     * Ainv = A⁻¹, e.g. a covariance from a precision: M = L⁻¹ by forward substitution, then
     * A⁻¹ = Mᵀ·M, each about n³/6 multiplications (a third of solving A·X = I column by column).
     * The result is exactly symmetric: each off-diagonal element is computed once and mirrored.
     */
    public void invert(DMatrixRMaj Ainv) {
        requireDecomposed();
        double[] L = factor.data;
        work.reshape(n, n);
        double[] M = work.data;   // L⁻¹, lower triangular; its upper triangle is never read
        for (int j = 0; j < n; j++) {
            M[j * n + j] = 1 / L[j * n + j];
            for (int i = j + 1; i < n; i++) {
                double sum = 0;
                for (int k = j; k < i; k++) {
                    sum += L[i * n + k] * M[k * n + j];
                }
                M[i * n + j] = -sum / L[i * n + i];
            }
        }
        Ainv.reshape(n, n);
        double[] X = Ainv.data;
        Arrays.fill(X, 0, n * n, 0.0);
        // (Mᵀ·M)ᵢⱼ = Σₖ Mₖᵢ·Mₖⱼ over k ≥ max(i, j): row k of M adds to the upper triangle's i ≤ j ≤ k
        for (int k = 0; k < n; k++) {
            int row = k * n;
            for (int i = 0; i <= k; i++) {
                double mki = M[row + i];
                for (int j = i; j <= k; j++) {
                    X[i * n + j] += mki * M[row + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                X[j * n + i] = X[i * n + j];
            }
        }
    }

    /** log det A = 2 Σ log Lᵢᵢ. */
    public double logDeterminant() {
        requireDecomposed();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(factor.unsafe_get(i, i));
        }
        return 2 * sum;
    }

    /** yᵀ A⁻¹ y for a vector y, e.g. the NIS yᵀ S⁻¹ y; computed as |L⁻¹y|². */
    public double quadraticForm(DMatrixRMaj y) {
        requireDecomposed();
        if (y.getNumElements() != n) {
            throw new IllegalArgumentException("vector has " + y.getNumElements() + " elements, A is " + n + "x" + n);
        }
        double[] L = factor.data;
        double total = 0;
        // forward substitution into work's first column, accumulating the squared norm
        work.reshape(n, 1);
        for (int i = 0; i < n; i++) {
            double sum = y.data[i];
            for (int k = 0; k < i; k++) {
                sum -= L[i * n + k] * work.data[k];
            }
            double zi = sum / L[i * n + i];
            work.data[i] = zi;
            total += zi * zi;
        }
        return total;
    }

    /**
     * out = L⁻¹·y for a vector y (forward substitution; out may not be y). For y ~ N(0, A) the result
     * is N(0, I): e.g. the whitened innovation of a filter, with A = S.
     */
    public void whiten(DMatrixRMaj y, DMatrixRMaj out) {
        requireDecomposed();
        if (y.getNumElements() != n) {
            throw new IllegalArgumentException("vector has " + y.getNumElements() + " elements, A is " + n + "x" + n);
        }
        out.reshape(n, 1);
        double[] L = factor.data;
        for (int i = 0; i < n; i++) {
            double sum = y.data[i];
            for (int k = 0; k < i; k++) {
                sum -= L[i * n + k] * out.data[k];
            }
            out.data[i] = sum / L[i * n + i];
        }
    }

    /** The lower-triangular factor L (upper triangle zero), copied into {@code out}. */
    public void lowerFactor(DMatrixRMaj out) {
        requireDecomposed();
        out.reshape(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out.unsafe_set(i, j, j <= i ? factor.unsafe_get(i, j) : 0.0);
            }
        }
    }

    private void requireDecomposed() {
        if (!decomposed) {
            throw new IllegalStateException("no successful Cholesky decomposition to use");
        }
    }
}
