package io.bayesfuse.kernels.learning.algebra;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLeft;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotri;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrs;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas.cblas_dscal;
import static org.bytedeco.openblas.global.openblas.cblas_dsymv;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsm;

/**
 * The ND4J {@link DensePrecision}: Λ, its factor and the block of feature rows live in ND4J arrays
 * (native memory, {@code DataType.DOUBLE}, column-major, allocated once per workspace), and the
 * algebra runs in the OpenBLAS that nd4j-native ships, single-threaded:
 * <pre>
 * Λ += ZᵀZ        dsyrk (the rows of Z are the columns of the column-major block: no transpose)
 * L = chol(Λ)     dpotrf          x = Λ⁻¹b   dpotrs          Z ← L⁻¹Z   dtrsm
 * Λ·v             dsymv           Λ ← Λ⁻¹    dpotri          Λ ← sΛ + diag(c)   dscal, daxpy
 * </pre>
 * The BLAS and LAPACK routines are called on the arrays' native buffers directly rather than
 * through ND4J's {@code Level3}/{@code Lapack} wrappers, because in ND4J 1.0.0-M2.1 those were
 * measured wrong or slow here: {@code level3().syrk} returned a different Λ₀₀ than dsyrk on the same
 * arrays (2.44 against the sum of squares 274.8), {@code level3().trsm} made OpenBLAS report
 * "parameter number 4 had an illegal value", and {@code CpuLapack.dpotrf} cost 220 µs at D = 16
 * against 1.2 µs for the LAPACK call (docs/learning.md). Every call here costs about a microsecond
 * of JNI, where an ND4J op costs 10–20 µs.
 */
public final class Nd4jPrecision implements DensePrecision {

    private static final byte LOWER = 'L';

    private final int d;
    private final INDArray lambda;
    private final INDArray factor;
    private final INDArray vector;
    private final INDArray result;
    private final DoublePointer lambdaPointer;
    private final DoublePointer factorPointer;
    private final DoublePointer vectorPointer;
    private final DoublePointer resultPointer;
    private INDArray block;
    private DoublePointer blockPointer;
    private int blockRows;

    public Nd4jPrecision(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        Nd4jRuntime.initialise();
        this.d = d;
        this.lambda = Nd4j.create(DataType.DOUBLE, new long[]{d, d}, 'f');
        this.factor = Nd4j.create(DataType.DOUBLE, new long[]{d, d}, 'f');
        this.vector = Nd4j.create(DataType.DOUBLE, new long[]{d, 1}, 'f');
        this.result = Nd4j.create(DataType.DOUBLE, new long[]{d, 1}, 'f');
        this.lambdaPointer = pointer(lambda);
        this.factorPointer = pointer(factor);
        this.vectorPointer = pointer(vector);
        this.resultPointer = pointer(result);
    }

    private static DoublePointer pointer(INDArray array) {
        return (DoublePointer) array.data().addressPointer();
    }

    /** The column-major D × rows block holding {@code rows} feature rows, grown when needed. */
    private DoublePointer block(int rows) {
        if (rows > blockRows) {
            if (block != null) {
                block.close();
            }
            blockRows = Math.max(rows, 2 * blockRows);
            block = Nd4j.create(DataType.DOUBLE, new long[]{d, blockRows}, 'f');
            blockPointer = pointer(block);
        }
        return blockPointer;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public void setPacked(double[] packed) {
        // row j of the packed upper triangle is column j of the column-major lower triangle, from its diagonal on
        for (int j = 0, k = 0; j < d; k += d - j, j++) {
            lambdaPointer.position((long) j * d + j).put(packed, k, d - j);
        }
        lambdaPointer.position(0);
    }

    @Override
    public void getPacked(double[] packed) {
        for (int j = 0, k = 0; j < d; k += d - j, j++) {
            lambdaPointer.position((long) j * d + j).get(packed, k, d - j);
        }
        lambdaPointer.position(0);
    }

    @Override
    public void scale(double s) {
        cblas_dscal(d * d, s, lambdaPointer, 1);
    }

    @Override
    public void addDiagonal(double[] c) {
        vectorPointer.put(c, 0, d);
        cblas_daxpy(d, 1.0, vectorPointer, 1, lambdaPointer, d + 1);
    }

    @Override
    public void addGram(double[] Z, int rows) {
        if (rows == 0) {
            return;
        }
        DoublePointer B = block(rows);
        B.put(Z, 0, rows * d);
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, d, rows, 1.0, B, d, 1.0, lambdaPointer, d);
    }

    @Override
    public boolean factor() {
        Pointer.memcpy(factorPointer, lambdaPointer, 8L * d * d);
        if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, LOWER, d, factorPointer, d) != 0) {
            return false;
        }
        for (int i = 0; i < d; i++) {
            double lii = factorPointer.get((long) i * d + i);
            if (!(lii > 0) || !Double.isFinite(lii)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void solve(double[] b, double[] x) {
        vectorPointer.put(b, 0, d);
        LAPACKE_dpotrs(LAPACK_COL_MAJOR, LOWER, d, 1, factorPointer, d, vectorPointer, d);
        vectorPointer.get(x, 0, d);
    }

    @Override
    public void whiten(double[] Z, int rows) {
        if (rows == 0) {
            return;
        }
        DoublePointer B = block(rows);
        B.put(Z, 0, rows * d);
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, d, rows, 1.0, factorPointer, d, B, d);
        B.get(Z, 0, rows * d);
    }

    @Override
    public double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += Math.log(factorPointer.get((long) i * d + i));
        }
        return 2 * sum;
    }

    @Override
    public void multiply(double[] v, double[] out) {
        vectorPointer.put(v, 0, d);
        cblas_dsymv(CblasColMajor, CblasLower, d, 1.0, lambdaPointer, d, vectorPointer, 1, 0.0, resultPointer, 1);
        resultPointer.get(out, 0, d);
    }

    @Override
    public boolean invert() {
        if (!factor() || LAPACKE_dpotri(LAPACK_COL_MAJOR, LOWER, d, factorPointer, d) != 0) {
            return false;
        }
        Pointer.memcpy(lambdaPointer, factorPointer, 8L * d * d);
        return true;
    }

    @Override
    public void close() {
        lambda.close();
        factor.close();
        vector.close();
        result.close();
        if (block != null) {
            block.close();
        }
    }
}
