package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * The memoryless hazard H(r) = 1/λ (Adams &amp; MacKay 2007, §2.1): changepoints form a Bernoulli
 * process, so segment lengths are geometric with mean λ observations.
 */
public final class ConstantHazard implements Hazard {

    private final double lambda;
    private final double logH;
    private final double logOneMinusH;

    /** @param lambda the expected number of observations between changepoints, &gt; 1 */
    public ConstantHazard(double lambda) {
        requireExpectedRunLength("hazard", "lambda", lambda);
        this.lambda = lambda;
        this.logH = -Math.log(lambda);
        this.logOneMinusH = Math.log1p(-1 / lambda);
    }

    /** The one check of λ, shared with the configuration. @throws InvalidInputException unless finite and above 1 */
    public static void requireExpectedRunLength(String subject, String field, double lambda) {
        if (!(lambda > 1 && Double.isFinite(lambda))) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field,
                    "is " + lambda + ", must be a finite expected run length above 1 observation");
        }
    }

    public double expectedRunLength() {
        return lambda;
    }

    @Override
    public double probability(int runLength) {
        return 1 / lambda;
    }

    @Override
    public double logProbability(int runLength) {
        return logH;
    }

    @Override
    public double logComplement(int runLength) {
        return logOneMinusH;
    }

    @Override
    public String toString() {
        return "constant hazard 1/" + lambda;
    }
}
