package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;

/**
 * The covariance-intersection objective f(ω) with its gradient and Hessian, for sources with
 * precisions Λᵢ and fused precision Λ(ω) = Σ ωᵢΛᵢ, P = Λ(ω)⁻¹ (Julier &amp; Uhlmann 1997; Reinhardt,
 * Noack &amp; Hanebeck 2012 for the convexity). With ∂P/∂ωᵢ = −P Λᵢ P:
 * <pre>
 *   trace:        f = tr P           gᵢ = −tr(P Λᵢ P)     Hᵢⱼ = 2 tr(P Λᵢ P Λⱼ P)
 *   determinant:  f = log det P      gᵢ = −tr(P Λᵢ)       Hᵢⱼ = tr(P Λᵢ P Λⱼ)
 * </pre>
 * Both are convex on the simplex. With Aᵢ = Λᵢ P and Bᵢ = P Aᵢ, every Hessian entry is an O(d²)
 * trace of a product: tr(P Λᵢ P Λⱼ P) = tr(Bᵢ Aⱼ), tr(P Λᵢ P Λⱼ) = tr(Aᵢ Aⱼ).
 *
 * <p>Preallocated for K sources of dimension d; not thread-safe.
 */
public final class IntersectionObjective {

    private final IntersectionCriterion criterion;
    private final List<DMatrixRMaj> precisions;
    private final int K;
    private final int d;
    private final CholeskySolver cholesky = new CholeskySolver();
    private final DMatrixRMaj Lambda;
    private final DMatrixRMaj P;
    private final DMatrixRMaj[] A;
    private final DMatrixRMaj B;
    private final DMatrixRMaj PP;

    /** The objective over sources with precisions {@code precisions} (each d×d, positive definite). */
    public IntersectionObjective(IntersectionCriterion criterion, List<DMatrixRMaj> precisions) {
        if (precisions.isEmpty()) {
            throw new IllegalArgumentException("covariance intersection needs at least one source");
        }
        this.criterion = criterion;
        this.precisions = List.copyOf(precisions);
        this.K = precisions.size();
        this.d = precisions.get(0).numRows;
        this.Lambda = new DMatrixRMaj(d, d);
        this.P = new DMatrixRMaj(d, d);
        this.A = new DMatrixRMaj[K];
        for (int i = 0; i < K; i++) {
            A[i] = new DMatrixRMaj(d, d);
        }
        this.B = new DMatrixRMaj(d, d);
        this.PP = new DMatrixRMaj(d, d);
    }

    public int sources() {
        return K;
    }

    public IntersectionCriterion criterion() {
        return criterion;
    }

    /** Λ(ω) = Σ ωᵢΛᵢ into {@code out}. */
    public void fusedPrecision(double[] omega, DMatrixRMaj out) {
        out.reshape(d, d);
        out.zero();
        for (int i = 0; i < K; i++) {
            if (omega[i] != 0.0) {
                CommonOps_DDRM.addEquals(out, omega[i], precisions.get(i));
            }
        }
    }

    /**
     * f(ω), or +∞ when Λ(ω) is not positive definite (outside the simplex or a degenerate source).
     */
    public double value(double[] omega) {
        if (!factorise(omega)) {
            return Double.POSITIVE_INFINITY;
        }
        if (criterion == IntersectionCriterion.DETERMINANT) {
            return -cholesky.logDeterminant();
        }
        cholesky.invert(P);
        return CommonOps_DDRM.trace(P);
    }

    /**
     * f(ω), writing ∇f into {@code g} and, when {@code H} is not null, ∇²f into {@code H} (K×K,
     * row-major).
     *
     * @return f(ω), or +∞ (g and H untouched) when Λ(ω) is not positive definite
     */
    public double evaluate(double[] omega, double[] g, double[] H) {
        if (!factorise(omega)) {
            return Double.POSITIVE_INFINITY;
        }
        double logDetLambda = cholesky.logDeterminant();
        cholesky.invert(P);
        for (int i = 0; i < K; i++) {
            CommonOps_DDRM.mult(precisions.get(i), P, A[i]);     // Aᵢ = Λᵢ P
        }
        if (criterion == IntersectionCriterion.DETERMINANT) {
            for (int i = 0; i < K; i++) {
                g[i] = -CommonOps_DDRM.trace(A[i]);               // −tr(P Λᵢ) = −tr(Λᵢ P)
            }
            if (H != null) {
                for (int i = 0; i < K; i++) {
                    for (int j = i; j < K; j++) {
                        double h = traceOfProduct(A[i], A[j]);    // tr(P Λᵢ P Λⱼ) = tr(Aᵢ Aⱼ)
                        H[i * K + j] = h;
                        H[j * K + i] = h;
                    }
                }
            }
            return -logDetLambda;
        }
        CommonOps_DDRM.mult(P, P, PP);
        for (int i = 0; i < K; i++) {
            g[i] = -frobenius(precisions.get(i), PP);             // −tr(P Λᵢ P) = −⟨Λᵢ, P²⟩
        }
        if (H != null) {
            for (int i = 0; i < K; i++) {
                CommonOps_DDRM.mult(P, A[i], B);                  // Bᵢ = P Λᵢ P
                for (int j = i; j < K; j++) {
                    double h = 2 * traceOfProduct(B, A[j]);       // 2 tr(P Λᵢ P Λⱼ P) = 2 tr(Bᵢ Aⱼ)
                    H[i * K + j] = h;
                    H[j * K + i] = h;
                }
            }
        }
        return CommonOps_DDRM.trace(P);
    }

    private boolean factorise(double[] omega) {
        fusedPrecision(omega, Lambda);
        return cholesky.decompose(Lambda);
    }

    /** tr(X Y) = Σₖₗ Xₖₗ Yₗₖ. */
    private static double traceOfProduct(DMatrixRMaj X, DMatrixRMaj Y) {
        int n = X.numRows;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
                sum += X.data[k * n + l] * Y.data[l * n + k];
            }
        }
        return sum;
    }

    /** ⟨X, Y⟩ = Σₖₗ Xₖₗ Yₖₗ. */
    private static double frobenius(DMatrixRMaj X, DMatrixRMaj Y) {
        double sum = 0;
        for (int k = 0, n = X.getNumElements(); k < n; k++) {
            sum += X.data[k] * Y.data[k];
        }
        return sum;
    }
}
