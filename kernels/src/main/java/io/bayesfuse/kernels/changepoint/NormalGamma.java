package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * A univariate Gaussian of unknown mean μ and precision λ under the conjugate Normal-Gamma prior
 * NG(μ₀, κ₀, α₀, β₀): λ ~ Gamma(α₀, rate β₀), μ | λ ~ N(μ₀, 1/(κ₀λ)) (Murphy 2007, "Conjugate
 * Bayesian analysis of the Gaussian distribution", §3; the model of Adams &amp; MacKay 2007, §3.1).
 *
 * <p>After n observations κ = κ₀ + n and α = α₀ + n/2 follow from the count; a hypothesis stores
 * only {μ, β}. One observation x updates them (Murphy eq. 86–89 with n = 1):
 * <pre>
 * μ' = (κ·μ + x)/(κ + 1)        β' = β + κ·(x − μ)²/(2(κ + 1))
 * </pre>
 * and the posterior predictive is a Student-t (Murphy eq. 100):
 * <pre>
 * π(x) = t_{2α}(x | μ, σ²),  σ² = β(κ + 1)/(α κ)
 * </pre>
 */
public final class NormalGamma implements ConjugateModel {

    private final double mu0;
    private final double kappa0;
    private final double alpha0;
    private final double beta0;
    /** log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(2π(κ + 1)/κ), ν = 2α, per count. */
    private final CountConstant constant;

    /**
     * @param mu0    the prior mean of the mean
     * @param kappa0 how many observations the prior mean is worth, &gt; 0
     * @param alpha0 the Gamma shape of the precision, &gt; 0 (2α₀ pseudo-observations of the variance)
     * @param beta0  the Gamma rate of the precision, &gt; 0 (β₀/α₀ is the prior guess of the variance)
     * @throws InvalidInputException naming the parameter that is out of range
     */
    public NormalGamma(double mu0, double kappa0, double alpha0, double beta0) {
        String subject = "normal-gamma prior";
        if (!Double.isFinite(mu0)) {
            throw new InvalidInputException(Problem.NON_FINITE, subject, "mu0", "is " + mu0);
        }
        requirePositive(subject, "kappa0", kappa0);
        requirePositive(subject, "alpha0", alpha0);
        requirePositive(subject, "beta0", beta0);
        this.mu0 = mu0;
        this.kappa0 = kappa0;
        this.alpha0 = alpha0;
        this.beta0 = beta0;
        this.constant = new CountConstant(count -> CountConstant.studentT(2 * alpha0 + count, 1)
                - 0.5 * Math.log(2 * Math.PI * (kappa0 + count + 1) / (kappa0 + count)));
    }

    static void requirePositive(String subject, String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field, "must be a finite number above 0, got " + value);
        }
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public int statisticsLength() {
        return 2;
    }

    @Override
    public void writePrior(double[] statistics, int at) {
        statistics[at] = mu0;
        statistics[at + 1] = beta0;
    }

    @Override
    public double logPredictive(int count, double[] statistics, int at, double[] x) {
        double mu = statistics[at];
        double beta = statistics[at + 1];
        double kappa = kappa0 + count;
        double nu = 2 * alpha0 + count;
        double e = x[0] - mu;
        // log t_ν(x | μ, σ²) = log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπσ²) − ((ν+1)/2) log(1 + e²/(νσ²)),
        // where νσ² = 2β(κ + 1)/κ: everything but β and e is the per-count constant
        double nuSigma2 = 2 * beta * (kappa + 1) / kappa;
        return constant.value(count) - 0.5 * Math.log(beta) - 0.5 * (nu + 1) * Math.log1p(e * e / nuSigma2);
    }

    @Override
    public void absorb(int count, double[] statistics, int at, double[] x) {
        double mu = statistics[at];
        double kappa = kappa0 + count;
        double e = x[0] - mu;
        statistics[at] = (kappa * mu + x[0]) / (kappa + 1);
        statistics[at + 1] += kappa * e * e / (2 * (kappa + 1));
    }

    @Override
    public String toString() {
        return "normal-gamma(μ0=" + mu0 + ", κ0=" + kappa0 + ", α0=" + alpha0 + ", β0=" + beta0 + ")";
    }
}
