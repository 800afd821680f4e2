package io.bayesfuse.kernels.filter;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * An independent, deliberately plain Kalman filter for checking the kernels: the textbook
 * equations with an explicit inverse of S and the simple covariance update P = (I − K·H)·P.
 */
final class TextbookKalman {

    DMatrixRMaj x;
    DMatrixRMaj P;
    double nis;

    TextbookKalman(double[] x0, double[][] P0) {
        x = new DMatrixRMaj(x0.length, 1, true, x0);
        P = new DMatrixRMaj(P0);
    }

    void predict(DMatrixRMaj F, DMatrixRMaj Q) {
        x = mult(F, x);
        P = add(mult(mult(F, P), transpose(F)), Q);
    }

    /** y is z − H·x unless given (for wrapped residuals). */
    void update(DMatrixRMaj H, DMatrixRMaj R, DMatrixRMaj y) {
        DMatrixRMaj S = add(mult(mult(H, P), transpose(H)), R);
        DMatrixRMaj Sinv = S.copy();
        CommonOps_DDRM.invert(Sinv);
        DMatrixRMaj K = mult(mult(P, transpose(H)), Sinv);
        nis = CommonOps_DDRM.dot(y, mult(Sinv, y));
        x = add(x, mult(K, y));
        DMatrixRMaj I = CommonOps_DDRM.identity(x.numRows);
        P = mult(subtract(I, mult(K, H)), P);
    }

    void update(DMatrixRMaj H, DMatrixRMaj R, double[] z) {
        DMatrixRMaj y = subtract(new DMatrixRMaj(z.length, 1, true, z), mult(H, x));
        update(H, R, y);
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    static DMatrixRMaj add(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, b, c);
        return c;
    }

    static DMatrixRMaj subtract(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, c);
        return c;
    }

    static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }
}
