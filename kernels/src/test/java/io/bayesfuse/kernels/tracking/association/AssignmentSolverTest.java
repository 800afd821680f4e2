package io.bayesfuse.kernels.tracking.association;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssignmentSolverTest {

    private final AssignmentSolver solver = new AssignmentSolver();

    /** The least cost over every injective map of rows to columns, by brute force (inf when none is finite). */
    static double bruteForce(double[][] cost) {
        return search(cost, 0, new boolean[cost[0].length]);
    }

    private static double search(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && cost[row][j] < Double.POSITIVE_INFINITY) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + search(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        boolean[] used = new boolean[cost[0].length];
        for (int i = 0; i < assignment.length; i++) {
            assertThat(used[assignment[i]]).as("column %d used twice", assignment[i]).isFalse();
            used[assignment[i]] = true;
            sum += cost[i][assignment[i]];
        }
        return sum;
    }

    @Test
    void findsTheLeastCostOnRandomSquareAndRectangularMatricesAsBruteForceDoes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 3000; trial++) {
            int rows = 1 + random.nextInt(6);
            int columns = rows + random.nextInt(4);
            double[][] cost = new double[rows][columns];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    // integer costs make ties common, forbidden pairs test the infinite entries
                    cost[i][j] = trial % 3 == 0 ? random.nextInt(5) : random.nextDouble() < 0.3 ? Double.POSITIVE_INFINITY
                            : random.nextGaussian() * 10;
                }
            }
            double expected = bruteForce(cost);
            int[] assignment = solver.solve(cost);
            if (expected == Double.POSITIVE_INFINITY) {
                assertThat(assignment).as("trial %d", trial).isNull();
            } else {
                assertThat(assignment).as("trial %d", trial).isNotNull();
                assertThat(total(cost, assignment)).as("trial %d", trial).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void solvesALargeProblemConsistentlyWithItsOwnSubproblems() {
        // a diagonal-dominant 200x300 matrix: the identity assignment is the unique optimum
        int n = 200;
        double[][] cost = new double[n][300];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 300; j++) {
                cost[i][j] = i == j ? random.nextDouble() : 2 + random.nextDouble();
            }
        }
        int[] assignment = solver.solve(cost);
        for (int i = 0; i < n; i++) {
            assertThat(assignment[i]).isEqualTo(i);
        }
    }

    @Test
    void refusesMoreRowsThanColumns() {
        assertThatThrownBy(() -> solver.solve(new double[2][1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows <= columns");
    }

    @Test
    void anEmptyProblemHasAnEmptyAssignment() {
        assertThat(solver.solve(new double[0], 0, 3)).isEmpty();
    }
}
