package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.linalg.InputChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * Validation of the arrays in a {@link SourcePosterior}, each failure an
 * {@link InvalidInputException} naming the source ({@code source 'node-1'}), the field as the
 * input spells it ({@code covariance}) and what was wrong.
 */
public final class PosteriorChecks {

    private PosteriorChecks() {
    }

    /** The subject of a source's messages: {@code source 'id'}. */
    public static String subject(String sourceId) {
        return "source '" + sourceId + "'";
    }

    /**
     * A present, finite vector whose length is {@code expected} (or any non-zero length when
     * {@code expected} is 0, i.e. the dimension is not fixed yet).
     */
    public static double[] vector(String subject, String field, double[] v, int expected) {
        if (v == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (v.length == 0) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field, "is empty");
        }
        if (expected > 0 && v.length != expected) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "has " + v.length + " components but the quantity has " + expected);
        }
        InputChecks.requireFinite(subject, field, v);
        return v;
    }

    /** A present, rectangular, finite d×d matrix. */
    public static DMatrixRMaj squareMatrix(String subject, String field, double[][] rows, int d) {
        if (rows == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (rows.length != d) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "has " + rows.length + " rows but the quantity has " + d + " components");
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            if (rows[i] == null || rows[i].length != d) {
                throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                        "row " + i + " has " + (rows[i] == null ? 0 : rows[i].length) + " entries but must have " + d);
            }
            System.arraycopy(rows[i], 0, m.data, i * d, d);
        }
        InputChecks.requireFinite(subject, field, m);
        return m;
    }

    /** A d×d matrix that is also symmetric and positive definite. */
    public static DMatrixRMaj spdMatrix(String subject, String field, double[][] rows, int d) {
        DMatrixRMaj m = squareMatrix(subject, field, rows, d);
        InputChecks.requireSymmetricPositiveDefinite(subject, field, m);
        return m;
    }

    /** The posterior's form does not fit the rule: names what the rule needs. */
    public static InvalidInputException wrongForm(String subject, SourcePosterior posterior, String method, String needs) {
        return new InvalidInputException(Problem.MISSING, subject, needs,
                "is missing: method " + method + " needs " + needs + ", the source sent a " + posterior.form() + " posterior");
    }

    /**
     * Fails when a product rule without a prior gets a second source: K posteriors that share a
     * prior must divide it out K − 1 times, so only a single source can be "fused" without one.
     */
    public static void requirePriorForSecondSource(String subject, boolean hasPrior, String sourceId, Contributions sources) {
        if (!hasPrior && sources.get(sourceId) == null && sources.count() > 0) {
            throw new InvalidInputException(Problem.MISSING, subject, "prior",
                    "is missing: a product of " + (sources.count() + 1) + " posteriors must divide out the prior"
                            + " they share (K − 1 times), so configure fusion.prior");
        }
    }
}
