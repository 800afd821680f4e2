package io.bayesfuse.kernels.stats;

import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;

/**
 * Filter consistency statistics (Bar-Shalom, Li, Kirubarajan 2001, §5.4): the normalised
 * estimation error squared NEES = (x − x̂)ᵀ P⁻¹ (x − x̂), which for a consistent filter is χ²ₙ,
 * and the two-sided acceptance interval for an average of such statistics over independent runs.
 * (The NIS and log-likelihood of each update are reported by the filters themselves.)
 */
public final class Consistency {

    private Consistency() {
    }

    /**
     * NEES of an estimate (x̂, P) of the true state {@code truth}.
     *
     * @return NaN when P is not positive definite
     */
    public static double nees(double[] truth, DMatrixRMaj xHat, DMatrixRMaj P) {
        int n = truth.length;
        DMatrixRMaj e = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            e.data[i] = truth[i] - xHat.data[i];
        }
        CholeskySolver solver = new CholeskySolver();
        return solver.decompose(P) ? solver.quadraticForm(e) : Double.NaN;
    }

    /**
     * The two-sided {@code probability} interval for the average of {@code runs} independent χ²
     * statistics of {@code dof} degrees of freedom each: [χ²⁻¹(α/2), χ²⁻¹(1 − α/2)] of
     * runs·dof degrees of freedom, divided by runs (Bar-Shalom et al. 2001, §5.4).
     *
     * @return {lower, upper}
     */
    public static double[] averageInterval(int dof, int runs, double probability) {
        double alpha = 1 - probability;
        int total = dof * runs;
        return new double[]{
                ChiSquareGate.quantile(alpha / 2, total) / runs,
                ChiSquareGate.quantile(1 - alpha / 2, total) / runs};
    }
}
