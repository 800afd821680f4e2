package io.bayesfuse.kernels.learning.algebra;

import io.bayesfuse.kernels.linalg.NativeLapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.CpuBackend;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of ND4J for the learners' block updates, once per JVM. ND4J's first use costs 0.6 s
 * (native libraries cached) to 2.7 s (unpacked into JavaCPP's cache directory, about 400 MB, see
 * {@code org.bytedeco.javacpp.cachedir}); {@link #initialise()} pays it at start-up so that no
 * record does. It sets what the measurements behind the design asked for: {@code DataType.DOUBLE}
 * explicitly (ND4J's default is FLOAT), and one thread for ND4J and for its OpenBLAS, since each
 * stream thread runs its own learners (several threads per BLAS call on shared cores made timings
 * swing sevenfold).
 */
public final class Nd4jRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);
    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    /** Loads ND4J's native CPU backend and OpenBLAS, single-threaded. Idempotent; cheap after the first call. */
    public static void initialise() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (initialised) {
                return;
            }
            long start = System.nanoTime();
            NativeLapack.initialise();
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            if (!(Nd4j.getBackend() instanceof CpuBackend)) {
                throw new IllegalStateException("ND4J runs the " + Nd4j.getBackend().getClass().getName()
                        + " backend; the learners need nd4j-native's CPU backend (CpuBackend)");
            }
            // the first array allocation loads the rest of the native code
            Nd4j.create(DataType.DOUBLE, new long[]{2, 2}, 'f').close();
            LOG.info("ND4J (native CPU backend, {} BLAS) ready in {} ms, 1 thread, doubles",
                    Nd4j.factory().blas().getBlasVendor(), (System.nanoTime() - start) / 1_000_000);
            initialised = true;
        }
    }
}
