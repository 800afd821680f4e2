package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;

/**
 * The Newton model of {@link SimplexNewtonSearch}, minimised exactly over the simplex:
 * <pre>
 *   minimise q(z) = gᵀ(z − ω) + ½ (z − ω)ᵀ H (z − ω)   subject to  zᵢ ≥ 0,  Σ zᵢ = 1
 * </pre>
 * by the primal active-set method (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed.,
 * Algorithm 16.3), starting from the feasible z = ω. Each step solves the equality-constrained
 * problem on the free set F by its KKT system
 * <pre>
 *   H_FF p − μ·1 = −r_F,   1ᵀp = 0     (r = ∇q(z) = g + H(z − ω))
 *   ⇒ μ = (1ᵀH_FF⁻¹r_F) / (1ᵀH_FF⁻¹1),   p = H_FF⁻¹(μ·1 − r_F)
 * </pre>
 * then either steps as far as feasibility allows (a blocking zᵢ becomes 0 and fixed) or, when
 * p = 0, frees the fixed index with the most negative multiplier rᵢ − μ, or stops when none is
 * negative (z satisfies the KKT conditions). H must be positive definite (the caller regularises).
 */
final class SimplexQuadraticProgram {

    private static final double STEP_TOLERANCE = 1e-15;
    private static final double MULTIPLIER_TOLERANCE = 1e-13;

    private SimplexQuadraticProgram() {
    }

    /** The minimiser z of the model (K = omega.length, H row-major K×K). */
    static double[] minimise(double[] omega, double[] g, double[] H) {
        int K = omega.length;
        double[] z = omega.clone();
        boolean[] free = new boolean[K];
        for (int i = 0; i < K; i++) {
            free[i] = z[i] > 0;
        }
        double[] r = new double[K];
        double[] p = new double[K];
        int lastFreed = -1;
        CholeskySolver cholesky = new CholeskySolver();
        for (int iteration = 0; iteration < 20 * K + 50; iteration++) {
            for (int i = 0; i < K; i++) {
                double ri = g[i];
                for (int j = 0; j < K; j++) {
                    ri += H[i * K + j] * (z[j] - omega[j]);
                }
                r[i] = ri;
            }
            double mu = equalityStep(H, r, free, p, cholesky);
            double largestStep = 0;
            for (int i = 0; i < K; i++) {
                largestStep = Math.max(largestStep, Math.abs(p[i]));
            }
            if (largestStep <= STEP_TOLERANCE) {
                double scale = 0;
                for (double ri : r) {
                    scale = Math.max(scale, Math.abs(ri));
                }
                int mostNegative = -1;
                double worst = -MULTIPLIER_TOLERANCE * Math.max(scale, Double.MIN_NORMAL);
                for (int i = 0; i < K; i++) {
                    if (!free[i] && r[i] - mu < worst) {
                        worst = r[i] - mu;
                        mostNegative = i;
                    }
                }
                if (mostNegative < 0) {
                    return z;                       // KKT conditions hold
                }
                free[mostNegative] = true;
                lastFreed = mostNegative;
                continue;
            }
            double alpha = 1.0;
            int blocking = -1;
            for (int i = 0; i < K; i++) {
                if (free[i] && p[i] < 0 && z[i] / -p[i] < alpha) {
                    alpha = z[i] / -p[i];
                    blocking = i;
                }
            }
            if (alpha == 0 && blocking == lastFreed) {
                return z;                           // the freed index cannot move: degenerate, z is optimal to rounding
            }
            for (int i = 0; i < K; i++) {
                if (free[i]) {
                    z[i] += alpha * p[i];
                }
            }
            if (blocking >= 0) {
                z[blocking] = 0.0;
                free[blocking] = false;
            }
        }
        return z;
    }

    /** Solves the equality-constrained step on the free set into p (zero elsewhere); returns μ. */
    private static double equalityStep(double[] H, double[] r, boolean[] free, double[] p, CholeskySolver cholesky) {
        int K = r.length;
        int m = 0;
        int[] index = new int[K];
        for (int i = 0; i < K; i++) {
            p[i] = 0;
            if (free[i]) {
                index[m++] = i;
            }
        }
        if (m == 1) {
            return r[index[0]];                     // Σ p = 0 leaves no freedom: p = 0, μ = r_F
        }
        DMatrixRMaj HFF = new DMatrixRMaj(m, m);
        DMatrixRMaj rhs = new DMatrixRMaj(m, 2);    // columns: r_F and 1
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                HFF.unsafe_set(a, b, H[index[a] * K + index[b]]);
            }
            rhs.unsafe_set(a, 0, r[index[a]]);
            rhs.unsafe_set(a, 1, 1.0);
        }
        if (!cholesky.decompose(HFF)) {
            throw new IllegalStateException("covariance intersection: the regularised Hessian is not positive definite");
        }
        DMatrixRMaj u = new DMatrixRMaj(m, 2);      // [H⁻¹r_F, H⁻¹1]
        cholesky.solve(rhs, u);
        double sumHr = 0;
        double sumH1 = 0;
        for (int a = 0; a < m; a++) {
            sumHr += u.unsafe_get(a, 0);
            sumH1 += u.unsafe_get(a, 1);
        }
        double mu = sumHr / sumH1;
        for (int a = 0; a < m; a++) {
            p[index[a]] = mu * u.unsafe_get(a, 1) - u.unsafe_get(a, 0);
        }
        return mu;
    }
}
