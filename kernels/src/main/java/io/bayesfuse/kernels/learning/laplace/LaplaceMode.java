package io.bayesfuse.kernels.learning.laplace;

/**
 * The mode ŵ of log prior + batch log-likelihood, −½wᵀΛ₀w + wᵀη₀ + Σ wᵢ log p(yᵢ | Φᵢw), by Newton's
 * method with backtracking (Bishop, PRML §4.5; Nocedal &amp; Wright §3.1): the Hessian of the negative
 * objective is H = Λ₀ + ZᵀZ with Z the batch's curvature rows, and a step is halved until the
 * objective does not fall. The precision form (dense, low-rank) supplies the products and solves.
 */
public final class LaplaceMode {

    /** What Newton's method needs of a precision form. */
    public interface Form {

        /** Λ₀w. */
        double[] priorTimes(double[] w);

        /** A zeroed row-major buffer of {@code count} rows of D. */
        double[] rows(int count);

        /** The Newton step H⁻¹·gradient with H = Λ₀ + ZᵀZ for the {@code count} rows of Z, and Λ₀ times it. */
        Step step(double[] Z, int count, double[] gradient);
    }

    /** A Newton step and the prior precision times it. */
    public record Step(double[] direction, double[] priorTimesDirection) {
    }

    private LaplaceMode() {
    }

    /**
     * @param start    the prior's mean, where the search starts
     * @param priorEta η₀ = Λ₀μ₀
     */
    public static double[] find(Form form, double[] start, double[] priorEta, BatchLikelihood batch, int iterations) {
        int D = start.length;
        double[] w = start.clone();
        double current = Double.NaN;
        for (int iteration = 0; iteration < iterations; iteration++) {
            double[] Lw = form.priorTimes(w);
            if (iteration == 0) {
                current = objective(w, Lw, priorEta, batch);
            }
            double[] gradient = new double[D];
            for (int j = 0; j < D; j++) {
                gradient[j] = priorEta[j] - Lw[j];
            }
            double[] Z = form.rows(batch.rowCount());
            batch.curvatureRows(w, gradient, Z);
            Step step = form.step(Z, batch.rowCount(), gradient);
            double size = 1;
            double[] candidate = new double[D];
            double[] candidateLw = new double[D];
            double value = Double.NEGATIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                for (int j = 0; j < D; j++) {
                    candidate[j] = w[j] + size * step.direction()[j];
                    candidateLw[j] = Lw[j] + size * step.priorTimesDirection()[j];
                }
                value = objective(candidate, candidateLw, priorEta, batch);
                if (value >= current - 1e-12 * Math.abs(current)) {
                    break;
                }
                size /= 2;
            }
            double change = 0;
            double scale = 0;
            for (int j = 0; j < D; j++) {
                change = Math.max(change, Math.abs(candidate[j] - w[j]));
                scale = Math.max(scale, Math.abs(candidate[j]));
            }
            w = candidate;
            current = value;
            if (change <= 1e-10 * (1 + scale)) {
                break;
            }
        }
        return w;
    }

    /** −½wᵀΛ₀w + wᵀη₀ + Σ wᵢ log p(yᵢ | Φᵢw), up to a constant, from Λ₀w. */
    private static double objective(double[] w, double[] priorTimesW, double[] priorEta, BatchLikelihood batch) {
        double value = 0;
        for (int j = 0; j < w.length; j++) {
            value += -0.5 * w[j] * priorTimesW[j] + w[j] * priorEta[j];
        }
        return value + batch.logLikelihood(w);
    }
}
