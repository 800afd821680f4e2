package io.bayesfuse.kernels.tracking.association;

import java.util.Arrays;

/**
 * The linear assignment problem, solved exactly: given costs c[i][j] for rows i &lt; r and columns
 * j &lt; k (r ≤ k), find the assignment of every row to a distinct column of least total cost. A cost
 * of {@link Double#POSITIVE_INFINITY} forbids a pair.
 *
 * <p>Jonker–Volgenant's shortest augmenting path method in the rectangular form of Crouse (2016,
 * "On implementing 2D rectangular assignment algorithms", IEEE TAES 52(4)): rows are added one by
 * one; for each, a Dijkstra search over reduced costs c[i][j] − u[i] − v[j] finds the cheapest path
 * to a free column, the duals u, v are updated so that reduced costs stay non-negative, and the
 * path is augmented. O(r²k). Ties are broken by a fixed rule (free columns first, then scan
 * order), so the result is a deterministic function of the matrix.
 *
 * <p>Instances keep their work arrays between calls (grown as needed): not thread-safe.
 */
public final class AssignmentSolver {

    private double[] u = new double[0];
    private double[] v = new double[0];
    private double[] shortest = new double[0];
    private int[] path = new int[0];
    private int[] rowOfColumn = new int[0];
    private int[] remaining = new int[0];
    private boolean[] scannedRow = new boolean[0];
    private boolean[] scannedColumn = new boolean[0];

    /**
     * @param cost r×k costs, r ≤ k, row-major: {@code cost[i * columns + j]}
     * @return for each row its column, or null when no assignment of finite cost exists
     */
    public int[] solve(double[] cost, int rows, int columns) {
        if (rows > columns) {
            throw new IllegalArgumentException("an assignment needs rows <= columns, got " + rows + "x" + columns);
        }
        if (cost.length < rows * columns) {
            throw new IllegalArgumentException("cost has " + cost.length + " entries, expected " + rows * columns);
        }
        ensureCapacity(rows, columns);
        int[] columnOfRow = new int[rows];
        Arrays.fill(columnOfRow, -1);
        Arrays.fill(u, 0, rows, 0);
        Arrays.fill(v, 0, columns, 0);
        Arrays.fill(rowOfColumn, 0, columns, -1);
        for (int current = 0; current < rows; current++) {
            int sink = augmentingPath(cost, rows, columns, current, columnOfRow);
            if (sink < 0) {
                return null;
            }
            // augment along the path back to the current row
            int j = sink;
            while (true) {
                int i = path[j];
                rowOfColumn[j] = i;
                int previous = columnOfRow[i];
                columnOfRow[i] = j;
                j = previous;
                if (i == current) {
                    break;
                }
            }
        }
        return columnOfRow;
    }

    /** Convenience for a matrix given as rows. */
    public int[] solve(double[][] cost) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        double[] flat = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            if (cost[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + cost[i].length + " columns, row 0 has " + columns);
            }
            System.arraycopy(cost[i], 0, flat, i * columns, columns);
        }
        return solve(flat, rows, columns);
    }

    /**
     * Dijkstra over reduced costs from row {@code current} to the nearest free column; updates the
     * duals. @return the free column reached, or -1 when every remaining column is forbidden
     */
    private int augmentingPath(double[] cost, int rows, int columns, int current, int[] columnOfRow) {
        double minimum = 0;
        int left = columns;
        for (int it = 0; it < columns; it++) {
            remaining[it] = columns - 1 - it;
        }
        Arrays.fill(shortest, 0, columns, Double.POSITIVE_INFINITY);
        Arrays.fill(scannedRow, 0, rows, false);
        Arrays.fill(scannedColumn, 0, columns, false);
        int i = current;
        int sink = -1;
        while (sink < 0) {
            scannedRow[i] = true;
            int lowestAt = -1;
            double lowest = Double.POSITIVE_INFINITY;
            for (int it = 0; it < left; it++) {
                int j = remaining[it];
                double reduced = minimum + cost[i * columns + j] - u[i] - v[j];
                if (reduced < shortest[j]) {
                    path[j] = i;
                    shortest[j] = reduced;
                }
                if (shortest[j] < lowest || (shortest[j] == lowest && rowOfColumn[j] < 0)) {
                    lowest = shortest[j];
                    lowestAt = it;
                }
            }
            if (lowest == Double.POSITIVE_INFINITY) {
                return -1;
            }
            minimum = lowest;
            int j = remaining[lowestAt];
            if (rowOfColumn[j] < 0) {
                sink = j;
            } else {
                i = rowOfColumn[j];
            }
            scannedColumn[j] = true;
            remaining[lowestAt] = remaining[--left];
        }
        u[current] += minimum;
        for (int r = 0; r < rows; r++) {
            if (scannedRow[r] && r != current) {
                u[r] += minimum - shortest[columnOfRow[r]];
            }
        }
        for (int c = 0; c < columns; c++) {
            if (scannedColumn[c]) {
                v[c] -= minimum - shortest[c];
            }
        }
        return sink;
    }

    private void ensureCapacity(int rows, int columns) {
        if (u.length < rows) {
            u = new double[rows];
            scannedRow = new boolean[rows];
        }
        if (v.length < columns) {
            v = new double[columns];
            shortest = new double[columns];
            path = new int[columns];
            rowOfColumn = new int[columns];
            remaining = new int[columns];
            scannedColumn = new boolean[columns];
        }
    }
}
