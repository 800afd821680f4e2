package io.bayesfuse.kernels.linalg;

/**
 * Turns an information-form Gaussian (precision Λ, information vector η) into moment form:
 * x = Λ⁻¹η and P = Λ⁻¹, through a Cholesky factorisation Λ = L·Lᵀ (never an explicit general
 * inverse). One instance per dimension, preallocated; not thread-safe.
 *
 * <p>Two implementations give the same numbers to rounding: {@link EjmlInformationSolver} for small
 * dimensions (allocation-free Java) and {@link io.bayesfuse.kernels.linalg.LapackInformationSolver}
 * (OpenBLAS's LAPACK) for large dense ones, where blocked native code wins; {@link #forDimension}
 * chooses.
 */
public interface InformationSolver {

    /**
     * From this dimension on, {@link #forDimension} uses LAPACK, where blocked native code wins (at
     * d = 256 a solve takes 1.2 ms against 26 ms with EJML: docs/benchmarks.md, DenseFusion).
     */
    int LAPACK_FROM_DIMENSION = 64;

    /** The dimension d this solver was sized for. */
    int dimension();

    /**
     * Solves for the moment form.
     *
     * @param Lambda row-major d×d symmetric precision (read only)
     * @param eta    information vector, d entries (read only)
     * @param x      receives Λ⁻¹η
     * @param P      receives Λ⁻¹, row-major d×d, exactly symmetric
     * @return false when Λ is not (numerically) positive definite or not finite; x and P are then
     * unspecified
     */
    boolean solve(double[] Lambda, double[] eta, double[] x, double[] P);

    /** The small-matrix solver below {@code lapackFrom}, the LAPACK one from there on. */
    static InformationSolver forDimension(int d, int lapackFrom) {
        return d >= lapackFrom
                ? new io.bayesfuse.kernels.linalg.LapackInformationSolver(d)
                : new EjmlInformationSolver(d);
    }

    /** {@link #forDimension(int, int)} with the default threshold {@link #LAPACK_FROM_DIMENSION}. */
    static InformationSolver forDimension(int d) {
        return forDimension(d, LAPACK_FROM_DIMENSION);
    }
}
