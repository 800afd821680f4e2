package io.bayesfuse.kernels.tracking.metrics;

import io.bayesfuse.kernels.tracking.association.AssignmentSolver;

import java.util.Arrays;

/**
 * The generalised optimal sub-pattern assignment metric between a set of estimated positions X and
 * a set of true positions Y (Rahmathullah, García-Fernández and Svensson 2017, "Generalized optimal
 * sub-pattern assignment metric", FUSION), with cut-off c, order p and α = 2:
 * <pre>
 * d(x, y) = min(c, ‖x − y‖₂)
 * GOSPA(X, Y) = ( min over partial assignments γ of  Σ_{(i,j) ∈ γ} d(xᵢ, yⱼ)^p + (c^p / 2)·(|X| + |Y| − 2|γ|) )^(1/p)
 * </pre>
 * With α = 2 the minimum is attained by the optimal complete assignment of the smaller set under the
 * cut-off distance, keeping only the pairs closer than c: each kept pair contributes d^p (the
 * localisation error), each unassigned truth c^p/2 (a missed target) and each unassigned estimate
 * c^p/2 (a false track). The assignment is solved exactly ({@link AssignmentSolver}).
 * bayesfuse scores tracking with p = 1, c = 10, α = 2 over the positions of CONFIRMED tracks at
 * every scan time, summed over scans.
 */
public final class Gospa {

    private final double c;
    private final double p;
    private final AssignmentSolver solver = new AssignmentSolver();

    /**
     * @param cutoff c > 0
     * @param order  p ≥ 1
     */
    public Gospa(double cutoff, double order) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff) || !(order >= 1) || !Double.isFinite(order)) {
            throw new IllegalArgumentException("GOSPA needs a finite cut-off c > 0 and order p >= 1, got c=" + cutoff + " p=" + order);
        }
        this.c = cutoff;
        this.p = order;
    }

    /** bayesfuse's scoring: p = 1, c = 10, α = 2. */
    public static Gospa standard() {
        return new Gospa(10, 1);
    }

    /**
     * What GOSPA found at one time.
     *
     * @param distance      GOSPA(X, Y)
     * @param localisation  Σ d^p over the kept pairs
     * @param missed        truths left unassigned
     * @param falseTracks   estimates left unassigned
     * @param truthOf       for each estimate, the truth it was paired with (closer than c), or -1
     */
    public record Result(double distance, double localisation, int missed, int falseTracks, int[] truthOf) {

        /** The missed-target part of GOSPA^p: c^p/2 per missed truth. */
        public double missedCost(double cutoff, double order) {
            return Math.pow(cutoff, order) / 2 * missed;
        }

        /** The false-track part of GOSPA^p: c^p/2 per false estimate. */
        public double falseCost(double cutoff, double order) {
            return Math.pow(cutoff, order) / 2 * falseTracks;
        }
    }

    public double cutoff() {
        return c;
    }

    public double order() {
        return p;
    }

    /**
     * @param estimates positions, one row each (all of the same dimension as the truths)
     * @param truths    true positions
     */
    public Result between(double[][] estimates, double[][] truths) {
        int nx = estimates.length;
        int ny = truths.length;
        int[] truthOf = new int[nx];
        Arrays.fill(truthOf, -1);
        double capped = Math.pow(c, p);
        if (nx == 0 || ny == 0) {
            double sum = capped / 2 * (nx + ny);
            return new Result(Math.pow(sum, 1 / p), 0, ny, nx, truthOf);
        }
        boolean estimatesAreRows = nx <= ny;
        int rows = Math.min(nx, ny);
        int columns = Math.max(nx, ny);
        double[] cost = new double[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < columns; k++) {
                double[] x = estimatesAreRows ? estimates[r] : estimates[k];
                double[] y = estimatesAreRows ? truths[k] : truths[r];
                cost[r * columns + k] = Math.pow(Math.min(c, euclidean(x, y)), p);
            }
        }
        int[] column = solver.solve(cost, rows, columns);
        double localisation = 0;
        int pairs = 0;
        for (int r = 0; r < rows; r++) {
            double d = cost[r * columns + column[r]];
            if (d < capped) {
                localisation += d;
                pairs++;
                int estimate = estimatesAreRows ? r : column[r];
                truthOf[estimate] = estimatesAreRows ? column[r] : r;
            }
        }
        int missed = ny - pairs;
        int falseTracks = nx - pairs;
        double sum = localisation + capped / 2 * (missed + falseTracks);
        return new Result(Math.pow(sum, 1 / p), localisation, missed, falseTracks, truthOf);
    }

    private static double euclidean(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("positions of different dimensions: " + x.length + " and " + y.length);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
