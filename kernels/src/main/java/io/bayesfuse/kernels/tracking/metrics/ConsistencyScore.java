package io.bayesfuse.kernels.tracking.metrics;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.stats.Consistency;
import org.ejml.data.DMatrixRMaj;

/**
 * A running normalised estimation error squared: each estimate (x̂, P) of a known true state x adds
 * NEES = (x − x̂)ᵀ P⁻¹ (x − x̂) (Bar-Shalom, Li, Kirubarajan 2001, §5.4). For a consistent filter NEES
 * is χ² with n degrees of freedom, so its mean is n. The average NEES normalised by the dimension,
 * ANEES = (1 / (N·n)) Σ NEES (Li and Zhao 2006, "Measures of performance for evaluation of
 * estimators and filters"), is 1 for a consistent filter: above 1 the filter is overconfident,
 * below 1 too cautious. {@link Consistency#averageInterval} gives the acceptance interval of the
 * mean of N values. Not thread-safe.
 */
public final class ConsistencyScore {

    private final CholeskySolver solver = new CholeskySolver();
    private DMatrixRMaj error = new DMatrixRMaj(1, 1);
    private double sum;
    private double normalisedSum;
    private long count;

    /**
     * Adds one estimate of {@code truth}.
     *
     * @param P row-major n×n
     * @return its NEES, or NaN when P is not positive definite (then nothing is added)
     */
    public double add(double[] truth, double[] xHat, double[] P) {
        int n = truth.length;
        if (xHat.length != n || P.length != n * n) {
            throw new IllegalArgumentException("truth has " + n + " components, the estimate " + xHat.length
                    + " and its covariance " + P.length + " entries");
        }
        error.reshape(n, 1);
        for (int i = 0; i < n; i++) {
            error.data[i] = truth[i] - xHat[i];
        }
        DMatrixRMaj covariance = DMatrixRMaj.wrap(n, n, P);
        if (!solver.decompose(covariance)) {
            return Double.NaN;
        }
        double nees = solver.quadraticForm(error);
        if (!Double.isFinite(nees)) {
            return Double.NaN;
        }
        sum += nees;
        normalisedSum += nees / n;
        count++;
        return nees;
    }

    /** The number of estimates added. */
    public long count() {
        return count;
    }

    /** The mean NEES (n for a consistent filter); NaN before any estimate. */
    public double meanNees() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** ANEES: the mean of NEES/n (1 for a consistent filter); NaN before any estimate. */
    public double anees() {
        return count == 0 ? Double.NaN : normalisedSum / count;
    }
}
