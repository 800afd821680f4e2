package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * The product of two Gaussian-mixture posteriors divided once by the Gaussian prior they share:
 * p(x | Dₐ, D_b) ∝ pₐ(x) p_b(x) / p₀(x). Every pair of components (a, b) gives one component, in
 * information form (Λ = P⁻¹, η = P⁻¹x):
 * <pre>
 *   Λₐᵦ = Λₐ + Λᵦ − Λ₀,   ηₐᵦ = ηₐ + ηᵦ − η₀,
 *   log wₐᵦ = log wₐ + log wᵦ + ζₐ + ζᵦ − ζₐᵦ + const,   ζ = −½ ηᵀΛ⁻¹η + ½ log det Λ
 * </pre>
 * where N(x; m, P) = (2π)^(−d/2) exp(ζ + ηᵀx − ½ xᵀΛx), so ζₐ + ζᵦ − ζₐᵦ is the log of the
 * integral of the pair's product. The prior's own ζ₀ (and the 2π terms) are the same for every pair
 * and cancel when the weights are normalised (log-sum-exp), which is why a flat prior (Λ₀ = 0) is
 * fine here.
 */
public final class MixtureProduct {

    private MixtureProduct() {
    }

    /** The product mixture, or the reason it does not exist. */
    public record Outcome(GaussianMixture mixture, String notPositiveDefinite) {
        public boolean ok() {
            return mixture != null;
        }
    }

    /**
     * @param prior the shared prior to divide out once, or null for a plain product
     */
    public static Outcome multiply(GaussianMixture a, GaussianMixture b, InformationContribution prior) {
        int d = a.dimension();
        List<Canonical> ca = canonical(a);
        List<Canonical> cb = canonical(b);
        double[] logWeights = new double[a.size() * b.size()];
        List<Gaussian> components = new ArrayList<>(logWeights.length);
        CholeskySolver cholesky = new CholeskySolver();
        DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        int k = 0;
        for (int i = 0; i < ca.size(); i++) {
            for (int j = 0; j < cb.size(); j++) {
                Canonical p = ca.get(i);
                Canonical q = cb.get(j);
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        Lambda.data[r * d + c] = p.Lambda.data[r * d + c] + q.Lambda.data[r * d + c]
                                - (prior == null ? 0 : prior.precision(r, c));
                    }
                    eta.data[r] = p.eta.data[r] + q.eta.data[r] - (prior == null ? 0 : prior.information(r));
                }
                if (!cholesky.decompose(Lambda)) {
                    return new Outcome(null, "the precision of product component (" + i + ", " + j
                            + ") Λₐ + Λᵦ − Λ₀ is not positive definite");
                }
                DMatrixRMaj x = new DMatrixRMaj(d, 1);
                DMatrixRMaj P = new DMatrixRMaj(d, d);
                cholesky.solve(eta, x);
                cholesky.invert(P);
                double zeta = zeta(eta, x, cholesky.logDeterminant());
                logWeights[k++] = Math.log(a.weight(i)) + Math.log(b.weight(j)) + p.zeta + q.zeta - zeta;
                components.add(Gaussian.trusted(x, P));
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double[] weights = new double[logWeights.length];
        for (int m = 0; m < weights.length; m++) {
            weights[m] = Math.exp(logWeights[m] - max);
        }
        // drop components whose weight underflowed; the largest has weight 1 so one always remains
        List<Gaussian> kept = new ArrayList<>();
        List<Double> keptWeights = new ArrayList<>();
        for (int m = 0; m < weights.length; m++) {
            if (weights[m] > 0) {
                kept.add(components.get(m));
                keptWeights.add(weights[m]);
            }
        }
        return new Outcome(GaussianMixture.of(keptWeights.stream().mapToDouble(Double::doubleValue).toArray(), kept), null);
    }

    /** ζ = −½ ηᵀx + ½ log det Λ, with x = Λ⁻¹η. */
    private static double zeta(DMatrixRMaj eta, DMatrixRMaj x, double logDetLambda) {
        double etaX = 0;
        for (int r = 0; r < eta.numRows; r++) {
            etaX += eta.data[r] * x.data[r];
        }
        return -0.5 * etaX + 0.5 * logDetLambda;
    }

    private record Canonical(DMatrixRMaj Lambda, DMatrixRMaj eta, double zeta) {
    }

    private static List<Canonical> canonical(GaussianMixture mixture) {
        List<Canonical> list = new ArrayList<>(mixture.size());
        CholeskySolver cholesky = new CholeskySolver();
        for (Gaussian g : mixture.components()) {
            int d = g.dimension();
            if (!cholesky.decompose(g.covarianceMatrix())) {
                throw new IllegalArgumentException("mixture component covariance is not positive definite: " + g);
            }
            DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
            cholesky.invert(Lambda);
            DMatrixRMaj x = Matrices.column(g.mean());
            DMatrixRMaj eta = new DMatrixRMaj(d, 1);
            cholesky.solve(x, eta);
            // log det Λ = −log det P
            list.add(new Canonical(Lambda, eta, zeta(eta, x, -cholesky.logDeterminant())));
        }
        return list;
    }
}
