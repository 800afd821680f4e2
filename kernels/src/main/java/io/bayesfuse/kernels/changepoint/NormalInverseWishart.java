package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * A d-variate Gaussian of unknown mean μ and covariance Σ under the conjugate
 * Normal-Inverse-Wishart prior NIW(μ₀, κ₀, ν₀, Ψ₀): Σ ~ IW(ν₀, Ψ₀), μ | Σ ~ N(μ₀, Σ/κ₀)
 * (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian distribution", §9; Gelman et al.,
 * Bayesian Data Analysis, §3.6).
 *
 * <p>After n observations κ = κ₀ + n and ν = ν₀ + n follow from the count; a hypothesis stores μ and
 * the Cholesky factor L of the scale matrix Ψ = L·Lᵀ (lower triangle, packed row by row). One
 * observation x updates them (Murphy eq. 250–254 with n = 1):
 * <pre>
 * μ' = (κ·μ + x)/(κ + 1)        Ψ' = Ψ + κ/(κ + 1)·(x − μ)(x − μ)ᵀ   (a rank-one update of L, O(d²))
 * </pre>
 * and the posterior predictive is a multivariate Student-t (Murphy eq. 258):
 * <pre>
 * π(x) = t_v(x | μ, Σ̃),  v = ν − d + 1,  Σ̃ = Ψ·(κ + 1)/(κ·v)
 * </pre>
 * so scoring an observation is one triangular solve with L, O(d²), and no factorisation. For d = 1
 * this is the {@link NormalGamma} model with ν = 2α and Ψ = 2β.
 */
public final class NormalInverseWishart implements ConjugateModel {

    private final int d;
    private final double[] mu0;
    private final double kappa0;
    private final double nu0;
    /** Cholesky factor of Ψ₀, packed. */
    private final double[] L0;
    /** log Γ((v+d)/2) − log Γ(v/2) − (d/2) log(vπ) − (d/2) log c, per count (v, c as below). */
    private final CountConstant constant;
    private final double[] e;
    private final double[] w;

    /**
     * @param mu0    the prior mean of the mean (d)
     * @param kappa0 how many observations the prior mean is worth, &gt; 0
     * @param nu0    the inverse-Wishart degrees of freedom, &gt; d − 1 (E[Σ] = Ψ₀/(ν₀ − d − 1) when ν₀ &gt; d + 1)
     * @param psi0   the inverse-Wishart scale matrix Ψ₀ (d×d, symmetric positive definite)
     * @throws InvalidInputException naming the parameter that is wrong
     */
    public NormalInverseWishart(double[] mu0, double kappa0, double nu0, double[][] psi0) {
        String subject = "normal-inverse-Wishart prior";
        if (mu0 == null || mu0.length == 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "mu0", "is missing");
        }
        this.d = mu0.length;
        InputChecks.requireFinite(subject, "mu0", mu0);
        NormalGamma.requirePositive(subject, "kappa0", kappa0);
        if (!(nu0 > d - 1) || !Double.isFinite(nu0)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "nu0",
                    "must be a finite number above d − 1 = " + (d - 1) + ", got " + nu0);
        }
        DMatrixRMaj psi = Matrices.of(psi0);
        InputChecks.requireShape(subject, "psi0", psi, d, d, "mu0 of " + d + " components");
        InputChecks.requireSymmetricPositiveDefinite(subject, "psi0", psi);
        CholeskySolver cholesky = new CholeskySolver();
        cholesky.decompose(psi);
        DMatrixRMaj L = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(L);
        this.L0 = new double[d * (d + 1) / 2];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                L0[packed(i, j)] = L.get(i, j);
            }
        }
        this.mu0 = mu0.clone();
        this.kappa0 = kappa0;
        this.nu0 = nu0;
        this.constant = new CountConstant(count -> {
            double v = nu0 + count - d + 1;
            double kappa = kappa0 + count;
            return CountConstant.studentT(v, d) - 0.5 * d * (Math.log(v * Math.PI) + Math.log((kappa + 1) / (kappa * v)));
        });
        this.e = new double[d];
        this.w = new double[d];
    }

    /**
     * The prior for whitened innovations L⁻¹y, which are N(0, I) while the filter is consistent:
     * μ₀ = 0, Ψ₀ = (ν₀ − d − 1)·I so that E[Σ] = I.
     *
     * @param nu0 &gt; d + 1; how many observations the prior covariance is worth (about ν₀ − d − 1)
     */
    public static NormalInverseWishart standardNormal(int d, double kappa0, double nu0) {
        if (!(nu0 > d + 1)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, "normal-inverse-Wishart prior", "nu0",
                    "must exceed d + 1 = " + (d + 1) + " for the prior mean E[Σ] = I to exist, got " + nu0);
        }
        double[][] psi = new double[d][d];
        for (int i = 0; i < d; i++) {
            psi[i][i] = nu0 - d - 1;
        }
        return new NormalInverseWishart(new double[d], kappa0, nu0, psi);
    }

    private static int packed(int i, int j) {
        return i * (i + 1) / 2 + j;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int statisticsLength() {
        return d + d * (d + 1) / 2;
    }

    @Override
    public void writePrior(double[] statistics, int at) {
        System.arraycopy(mu0, 0, statistics, at, d);
        System.arraycopy(L0, 0, statistics, at + d, L0.length);
    }

    @Override
    public double logPredictive(int count, double[] statistics, int at, double[] x) {
        int l = at + d;
        double kappa = kappa0 + count;
        double v = nu0 + count - d + 1;
        double c = (kappa + 1) / (kappa * v);
        // |L⁻¹(x − μ)|² by forward substitution, and log|Ψ| = 2 Σ log Lᵢᵢ
        double squared = 0;
        double logDetPsi = 0;
        for (int i = 0; i < d; i++) {
            double sum = x[i] - statistics[at + i];
            int row = l + packed(i, 0);
            for (int k = 0; k < i; k++) {
                sum -= statistics[row + k] * e[k];
            }
            double lii = statistics[row + i];
            e[i] = sum / lii;
            squared += e[i] * e[i];
            logDetPsi += Math.log(lii);
        }
        logDetPsi *= 2;
        // (x − μ)ᵀ Σ̃⁻¹ (x − μ) with Σ̃ = c·Ψ; log|Σ̃| = d·log c + log|Ψ| (d·log c is in the per-count constant)
        double q = squared / c;
        return constant.value(count) - 0.5 * logDetPsi - 0.5 * (v + d) * Math.log1p(q / v);
    }

    @Override
    public void absorb(int count, double[] statistics, int at, double[] x) {
        int l = at + d;
        double kappa = kappa0 + count;
        double scale = Math.sqrt(kappa / (kappa + 1));
        for (int i = 0; i < d; i++) {
            w[i] = scale * (x[i] - statistics[at + i]);
            statistics[at + i] = (kappa * statistics[at + i] + x[i]) / (kappa + 1);
        }
        // rank-one Cholesky update L·Lᵀ + w·wᵀ (Golub &amp; Van Loan, §6.5.4): a Givens rotation per column
        for (int k = 0; k < d; k++) {
            int kk = l + packed(k, k);
            double lkk = statistics[kk];
            double r = Math.sqrt(lkk * lkk + w[k] * w[k]);
            double cos = r / lkk;
            double sin = w[k] / lkk;
            statistics[kk] = r;
            for (int i = k + 1; i < d; i++) {
                int ik = l + packed(i, k);
                double lik = (statistics[ik] + sin * w[i]) / cos;
                statistics[ik] = lik;
                w[i] = cos * w[i] - sin * lik;
            }
        }
    }

    @Override
    public String toString() {
        return "normal-inverse-Wishart(d=" + d + ", κ0=" + kappa0 + ", ν0=" + nu0 + ")";
    }
}
