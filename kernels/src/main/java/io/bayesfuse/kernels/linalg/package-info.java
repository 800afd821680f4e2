/**
 * The linear algebra the kernels share, on EJML row-major matrices and plain arrays.
 * {@link io.bayesfuse.kernels.linalg.CholeskySolver} solves with and inverts symmetric positive definite
 * matrices through their Cholesky factor, reusing its work arrays;
 * {@link io.bayesfuse.kernels.linalg.InformationSolver} turns information form into moment form, in Java
 * for small dimensions and with native LAPACK from
 * {@link io.bayesfuse.kernels.linalg.InformationSolver#LAPACK_FROM_DIMENSION} on;
 * {@link io.bayesfuse.kernels.linalg.CompensatedSum} keeps running sums accurate when terms are taken away
 * again; {@link io.bayesfuse.kernels.linalg.InputChecks} validates input where it enters the kernels, each
 * failure naming the field. Solvers and sums are preallocated and not thread-safe: one per filter or
 * stream thread.
 */
package io.bayesfuse.kernels.linalg;
