package io.bayesfuse.kernels.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the native OpenBLAS/LAPACK that nd4j-native ships (JavaCPP's
 * {@code org.bytedeco:openblas} binding), once per JVM.
 *
 * <p>Why not ND4J's own wrapper: {@code Nd4j.getBlasWrapper().lapack().potrf} in 1.0.0-M2.1 zeroes
 * the unused triangle with one {@code INDArray.put} per row after the factorisation, which took
 * 30–180 ms for d = 256 here against 0.3 ms for the LAPACK call itself; and ND4J's
 * {@code InvertMatrix} refuses well-conditioned matrices with a small determinant and was seen to
 * return a wrong inverse, so it is not used. Calling LAPACKE directly on the same native library
 * keeps the speed and skips ND4J's 0.6–6 s array-engine start-up, which these solvers do not need.
 *
 * <p>Single-threaded by design (with OpenMP's default threads on two shared cores, one step at
 * n = 128 swung between 38 ms and 260 ms): one solver per stream thread, each using one core.
 */
public final class NativeLapack {

    private static final Logger LOG = LoggerFactory.getLogger(NativeLapack.class);
    private static volatile boolean loaded;

    private NativeLapack() {
    }

    /**
     * Loads the native library and sets OpenBLAS to one thread. Idempotent and cheap after the first
     * call; call it at start-up so that the first record does not pay the load (about 0.6 s).
     */
    public static void initialise() {
        if (loaded) {
            return;
        }
        synchronized (NativeLapack.class) {
            if (!loaded) {
                long start = System.nanoTime();
                Loader.load(openblas.class);
                openblas_nolapack.blas_set_num_threads(1);
                LOG.info("native LAPACK (OpenBLAS) loaded in {} ms, {} thread(s)",
                        (System.nanoTime() - start) / 1_000_000, openblas_nolapack.blas_get_num_threads());
                loaded = true;
            }
        }
    }
}
