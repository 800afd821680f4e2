/**
 * Native LAPACK for large dense information-form solves:
 * {@link io.bayesfuse.kernels.linalg.lapack.LapackInformationSolver} runs OpenBLAS's {@code dpotrf},
 * {@code dpotrs} and {@code dpotri} on native memory allocated once per solver, through JavaCPP's OpenBLAS
 * binding that nd4j-native ships, without starting ND4J's array engine.
 * {@link io.bayesfuse.kernels.linalg.lapack.NativeLapack} loads the library once per JVM and keeps it
 * single-threaded, so each stream thread's solver uses one core. Solvers are not thread-safe.
 */
package io.bayesfuse.kernels.linalg.lapack;
