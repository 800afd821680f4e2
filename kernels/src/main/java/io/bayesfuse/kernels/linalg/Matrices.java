package io.bayesfuse.kernels.linalg;

import org.ejml.data.DMatrixRMaj;

/** Conversions and small in-place operations on EJML row-major matrices. */
public final class Matrices {

    private Matrices() {
    }

    /** A new matrix from rows; every row must have the same length. */
    public static DMatrixRMaj of(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " columns, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, m.data, i * c, c);
        }
        return m;
    }

    /** A new column vector holding a copy of {@code values}. */
    public static DMatrixRMaj column(double... values) {
        DMatrixRMaj v = new DMatrixRMaj(values.length, 1);
        System.arraycopy(values, 0, v.data, 0, values.length);
        return v;
    }

    /** A new diagonal matrix. */
    public static DMatrixRMaj diagonal(double... d) {
        DMatrixRMaj m = new DMatrixRMaj(d.length, d.length);
        for (int i = 0; i < d.length; i++) {
            m.unsafe_set(i, i, d[i]);
        }
        return m;
    }

    /** A copy of {@code m} as rows. */
    public static double[][] toRows(DMatrixRMaj m) {
        double[][] rows = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, rows[i], 0, m.numCols);
        }
        return rows;
    }

    /** A copy of the first {@code numRows * numCols} entries of {@code m} (a vector's values). */
    public static double[] toArray(DMatrixRMaj m) {
        double[] a = new double[m.getNumElements()];
        System.arraycopy(m.data, 0, a, 0, a.length);
        return a;
    }

    /**
     * Replaces {@code P} by (P + Pᵀ)/2 in place. Rounding makes a computed covariance drift from
     * symmetry; every filter step ends with this so the drift never accumulates.
     */
    public static void symmetrise(DMatrixRMaj P) {
        int n = P.numRows;
        double[] d = P.data;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (d[i * n + j] + d[j * n + i]);
                d[i * n + j] = mean;
                d[j * n + i] = mean;
            }
        }
    }

    /** True when every entry is finite (neither NaN nor infinite). */
    public static boolean isFinite(DMatrixRMaj m) {
        double[] d = m.data;
        int size = m.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(d[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when every entry is finite. */
    public static boolean isFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The largest |P[i][j] − P[j][i]| relative to the largest |P[i][j]| (0 for a symmetric matrix). */
    public static double asymmetry(DMatrixRMaj P) {
        int n = P.numRows;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(P.unsafe_get(i, j)));
                if (j > i) {
                    worst = Math.max(worst, Math.abs(P.unsafe_get(i, j) - P.unsafe_get(j, i)));
                }
            }
        }
        return scale == 0 ? 0 : worst / scale;
    }

    /** "2x3": how errors print a matrix's shape. */
    public static String shape(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }
}
