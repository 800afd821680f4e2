package io.bayesfuse.kernels.linalg;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import org.ejml.data.DMatrixRMaj;

/**
 * Validation of kernel inputs, each failure an {@link InvalidInputException} that names the
 * subject, the field and what was wrong. Used where input enters the kernels, not inside loops.
 */
public final class InputChecks {

    /** Relative asymmetry tolerated before a matrix is called "not symmetric". */
    public static final double SYMMETRY_TOLERANCE = 1e-9;

    private InputChecks() {
    }

    public static void requireLength(String subject, String field, double[] v, int expected, String why) {
        if (v == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (v.length != expected) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "has " + v.length + " components but " + why + " has " + expected);
        }
    }

    public static void requireShape(String subject, String field, DMatrixRMaj m, int rows, int cols, String why) {
        if (m == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (m.numRows != rows || m.numCols != cols) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "is " + Matrices.shape(m) + " but " + why + " needs " + rows + "x" + cols);
        }
    }

    public static void requireFinite(String subject, String field, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException(Problem.NON_FINITE, subject, field,
                        "has a non-finite value (" + v[i] + ") at index " + i);
            }
        }
    }

    public static void requireFinite(String subject, String field, DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(Problem.NON_FINITE, subject, field,
                            "has a non-finite value (" + v + ") at [" + i + "][" + j + "]");
                }
            }
        }
    }

    /**
     * The one check of a noise covariance (a sensor's R, a measurement's own R): {@code size}×{@code size}
     * for the {@code size} components {@code why} has, finite, symmetric and positive definite. The
     * configuration checks a sensor's R with it, naming the setting, and the kernels keep it as their
     * precondition, so both say the same thing in the same words.
     *
     * @param why what fixes the size, e.g. "a range-bearing measurement"
     */
    public static void requireCovariance(String subject, String field, DMatrixRMaj m, int size, String why) {
        if (m == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (m.numRows != size || m.numCols != size) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "is " + Matrices.shape(m) + " but " + why + " has " + size + " components");
        }
        requireSymmetricPositiveDefinite(subject, field, m);
    }

    /**
     * Checks that {@code m} is square, finite, symmetric (to {@link #SYMMETRY_TOLERANCE}
     * relative) and positive definite (its Cholesky factorisation succeeds).
     */
    public static void requireSymmetricPositiveDefinite(String subject, String field, DMatrixRMaj m) {
        if (m == null) {
            throw new InvalidInputException(Problem.MISSING, subject, field, "is missing");
        }
        if (m.numRows != m.numCols) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, field,
                    "is " + Matrices.shape(m) + " but must be square");
        }
        requireFinite(subject, field, m);
        double asymmetry = Matrices.asymmetry(m);
        if (asymmetry > SYMMETRY_TOLERANCE) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, field,
                    "is not symmetric (relative asymmetry " + asymmetry + ")");
        }
        if (!CholeskySolver.isPositiveDefinite(m)) {
            throw new InvalidInputException(Problem.NOT_POSITIVE_DEFINITE, subject, field,
                    "is not positive definite");
        }
    }
}
