package io.bayesfuse.kernels.linalg;

import io.bayesfuse.kernels.linalg.InformationSolver;
import org.bytedeco.javacpp.DoublePointer;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotri;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrs;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;

/**
 * The large-dimension {@link InformationSolver}: LAPACK's blocked Cholesky on native memory
 * allocated once per solver.
 * <ol>
 *   <li>{@code dpotrf}: Λ = L·Lᵀ (fails with info &gt; 0 when Λ is not positive definite)</li>
 *   <li>{@code dpotrs}: x = Λ⁻¹η by two triangular solves with L</li>
 *   <li>{@code dpotri}: P = Λ⁻¹ = L⁻ᵀ·L⁻¹ from the factor</li>
 * </ol>
 * Λ is symmetric, so its row-major array is also its column-major array; LAPACK writes only the
 * lower triangle of P (column-major), which is mirrored on the way out so P is exactly symmetric.
 *
 * <p>Not thread-safe. The native buffers live as long as the solver (JavaCPP frees them when it is
 * garbage collected; {@link #close()} frees them at once).
 */
public final class LapackInformationSolver implements InformationSolver, AutoCloseable {

    private static final byte LOWER = 'L';

    private final int d;
    private final DoublePointer A;
    private final DoublePointer b;

    public LapackInformationSolver(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        NativeLapack.initialise();
        this.d = d;
        this.A = new DoublePointer((long) d * d);
        this.b = new DoublePointer(d);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public boolean solve(double[] Lambda, double[] eta, double[] x, double[] P) {
        if (!allFinite(Lambda, d * d) || !allFinite(eta, d)) {
            return false;
        }
        A.put(Lambda, 0, d * d);
        b.put(eta, 0, d);
        if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, LOWER, d, A, d) != 0) {
            return false;
        }
        if (LAPACKE_dpotrs(LAPACK_COL_MAJOR, LOWER, d, 1, A, d, b, d) != 0
                || LAPACKE_dpotri(LAPACK_COL_MAJOR, LOWER, d, A, d) != 0) {
            return false;
        }
        b.get(x, 0, d);
        A.get(P, 0, d * d);
        // column-major lower triangle = row-major upper triangle: mirror it into the lower one
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                P[j * d + i] = P[i * d + j];
            }
        }
        return true;
    }

    private static boolean allFinite(double[] values, int length) {
        for (int i = 0; i < length; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        A.close();
        b.close();
    }
}
