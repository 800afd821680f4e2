package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;

/** Shape checks for matrices written as lists of rows in YAML. */
final class MatrixSettings {

    private MatrixSettings() {
    }

    /** Checks that {@code m} is a non-empty square matrix of finite numbers. */
    static boolean requireSquare(String path, double[][] m, Problems problems) {
        if (m.length == 0) {
            problems.add(path, "is empty");
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != m.length) {
                problems.add(path, "must be square: it has " + m.length + " rows but row " + i + " has "
                        + (m[i] == null ? 0 : m[i].length) + " entries");
                return false;
            }
            for (double v : m[i]) {
                if (!Double.isFinite(v)) {
                    problems.add(path, "has a non-finite entry in row " + i);
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Checks that a square matrix of finite numbers ({@link #requireSquare}) is a noise covariance for
     * {@code size} components ({@code why}): the kernels' one check of a covariance,
     * {@link InputChecks#requireCovariance}, its complaint reported under {@code path}.
     */
    static boolean requireCovariance(String path, double[][] m, int size, String why, Problems problems) {
        try {
            InputChecks.requireCovariance(path, "", Matrices.of(m), size, why);
            return true;
        } catch (InvalidInputException e) {
            problems.add(path, e.detail());
            return false;
        }
    }

    /** Checks that {@code m} is a non-empty matrix of finite numbers whose rows all have the same length. */
    static boolean requireRectangular(String path, double[][] m, Problems problems) {
        if (m.length == 0 || m[0] == null || m[0].length == 0) {
            problems.add(path, "is empty");
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != m[0].length) {
                problems.add(path, "must be rectangular: row 0 has " + m[0].length + " entries but row " + i + " has "
                        + (m[i] == null ? 0 : m[i].length));
                return false;
            }
            for (double v : m[i]) {
                if (!Double.isFinite(v)) {
                    problems.add(path, "has a non-finite entry in row " + i);
                    return false;
                }
            }
        }
        return true;
    }
}
