package io.bayesfuse.kernels.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The small-matrix {@link InformationSolver}: EJML row-major matrices and the preallocated
 * {@link CholeskySolver}; nothing is allocated per call.
 */
public final class EjmlInformationSolver implements InformationSolver {

    private final int d;
    private final CholeskySolver cholesky = new CholeskySolver();
    private final DMatrixRMaj Lambda;
    private final DMatrixRMaj eta;
    private final DMatrixRMaj x;
    private final DMatrixRMaj P;

    public EjmlInformationSolver(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        this.d = d;
        this.Lambda = new DMatrixRMaj(d, d);
        this.eta = new DMatrixRMaj(d, 1);
        this.x = new DMatrixRMaj(d, 1);
        this.P = new DMatrixRMaj(d, d);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public boolean solve(double[] LambdaIn, double[] etaIn, double[] xOut, double[] POut) {
        System.arraycopy(LambdaIn, 0, Lambda.data, 0, d * d);
        System.arraycopy(etaIn, 0, eta.data, 0, d);
        if (!cholesky.decompose(Lambda)) {
            return false;
        }
        cholesky.solve(eta, x);         // x = Λ⁻¹η
        cholesky.invert(P);             // P = Λ⁻¹ (symmetrised)
        System.arraycopy(x.data, 0, xOut, 0, d);
        System.arraycopy(P.data, 0, POut, 0, d * d);
        return true;
    }
}
