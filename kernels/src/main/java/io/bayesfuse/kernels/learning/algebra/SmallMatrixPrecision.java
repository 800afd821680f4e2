package io.bayesfuse.kernels.learning.algebra;

/**
 * The small-matrix {@link DensePrecision}: plain Java loops on heap arrays, nothing allocated per
 * call. Λ and its factor are stored as upper triangles in row-major order ({@code A[j·D + i]} is
 * entry (j, i) for i ≥ j), so every inner loop runs along a contiguous row:
 * <ul>
 *   <li>Gram update Λ += zzᵀ per row z: row j gains z_j·z[j..D);</li>
 *   <li>Cholesky Λ = UᵀU by the right-looking (outer product) algorithm (Golub &amp; Van Loan,
 *   Matrix Computations, 4th ed., Alg. 4.2.2 transposed): scale row k of U, subtract its outer
 *   product from the trailing rows;</li>
 *   <li>solves Uᵀz = b (forward, row-oriented axpys) and Ux = z (backward, row dot products).</li>
 * </ul>
 * L = Uᵀ is the lower factor of the interface.
 */
public final class SmallMatrixPrecision implements DensePrecision {

    private final int d;
    private final double[] A;
    private final double[] U;
    private final double[] column;

    public SmallMatrixPrecision(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        this.d = d;
        this.A = new double[d * d];
        this.U = new double[d * d];
        this.column = new double[d];
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void setPacked(double[] packed) {
        for (int j = 0, k = 0; j < d; k += d - j, j++) {
            System.arraycopy(packed, k, A, j * d + j, d - j);
        }
    }

    @Override
    public void getPacked(double[] packed) {
        for (int j = 0, k = 0; j < d; k += d - j, j++) {
            System.arraycopy(A, j * d + j, packed, k, d - j);
        }
    }

    @Override
    public void scale(double s) {
        for (int j = 0; j < d; j++) {
            for (int i = j * d + j, end = (j + 1) * d; i < end; i++) {
                A[i] *= s;
            }
        }
    }

    @Override
    public void addDiagonal(double[] c) {
        for (int j = 0; j < d; j++) {
            A[j * d + j] += c[j];
        }
    }

    @Override
    public void addGram(double[] Z, int rows) {
        for (int r = 0; r < rows; r++) {
            int z = r * d;
            for (int j = 0; j < d; j++) {
                double zj = Z[z + j];
                if (zj == 0) {
                    continue;   // sparse features cost what they hold
                }
                int row = j * d;
                for (int i = j; i < d; i++) {
                    A[row + i] += zj * Z[z + i];
                }
            }
        }
    }

    @Override
    public boolean factor() {
        System.arraycopy(A, 0, U, 0, d * d);
        for (int k = 0; k < d; k++) {
            int rowK = k * d;
            double ukk = U[rowK + k];
            if (!(ukk > 0) || !Double.isFinite(ukk)) {
                return false;
            }
            ukk = Math.sqrt(ukk);
            U[rowK + k] = ukk;
            double inverse = 1.0 / ukk;
            for (int i = k + 1; i < d; i++) {
                U[rowK + i] *= inverse;
            }
            for (int j = k + 1; j < d; j++) {
                double ukj = U[rowK + j];
                if (ukj == 0) {
                    continue;
                }
                int rowJ = j * d;
                for (int i = j; i < d; i++) {
                    U[rowJ + i] -= ukj * U[rowK + i];
                }
            }
        }
        return true;
    }

    @Override
    public void solve(double[] b, double[] x) {
        if (x != b) {
            System.arraycopy(b, 0, x, 0, d);
        }
        forward(x, 0);
        // U x = z, backward
        for (int i = d - 1; i >= 0; i--) {
            int row = i * d;
            double sum = x[i];
            for (int k = i + 1; k < d; k++) {
                sum -= U[row + k] * x[k];
            }
            x[i] = sum / U[row + i];
        }
    }

    /** z ← U⁻ᵀz = L⁻¹z for the D values of {@code z} from {@code offset}. */
    private void forward(double[] z, int offset) {
        for (int k = 0; k < d; k++) {
            int row = k * d;
            double zk = z[offset + k] / U[row + k];
            z[offset + k] = zk;
            if (zk == 0) {
                continue;
            }
            for (int i = k + 1; i < d; i++) {
                z[offset + i] -= U[row + i] * zk;
            }
        }
    }

    @Override
    public void whiten(double[] Z, int rows) {
        for (int r = 0; r < rows; r++) {
            forward(Z, r * d);
        }
    }

    @Override
    public double logDeterminant() {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            sum += Math.log(U[k * d + k]);
        }
        return 2 * sum;
    }

    @Override
    public void multiply(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0, d, 0.0);
        for (int j = 0; j < d; j++) {
            int row = j * d;
            double vj = v[j];
            double sum = A[row + j] * vj;
            for (int i = j + 1; i < d; i++) {
                double a = A[row + i];
                sum += a * v[i];
                out[i] += a * vj;
            }
            out[j] += sum;
        }
    }

    @Override
    public boolean invert() {
        if (!factor()) {
            return false;
        }
        // column k of Λ⁻¹ is Λ⁻¹e_k; its entries 0..k are the upper triangle's column k
        for (int k = 0; k < d; k++) {
            java.util.Arrays.fill(column, 0.0);
            column[k] = 1.0;
            solve(column, column);
            for (int j = 0; j <= k; j++) {
                A[j * d + k] = column[j];
            }
        }
        return true;
    }

    @Override
    public void close() {
        // heap arrays only
    }
}
