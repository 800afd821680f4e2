package io.bayesfuse.kernels.tracking.association;

import java.util.Arrays;

/**
 * Global nearest neighbour association: the single joint association (each track to at most one
 * detection in its gate, each detection to at most one track) of greatest likelihood ratio,
 * Π wᵢ,θ(i) over the tracks (Blackman and Popoli 1999, §6.5), found exactly as an assignment
 * problem per cluster. Track i's row has cost −ln wᵢⱼ in the column of each gated detection j,
 * −ln wᵢ₀ in a "missed" column of its own, and no other entries; the optimal assignment of the rows
 * is the most likely joint association.
 */
public final class GlobalNearestNeighbour {

    private final AssignmentSolver solver = new AssignmentSolver();

    /**
     * @return for each track, the detection assigned to it, or -1 when it was missed
     */
    public int[] associate(AssociationProblem problem) {
        int[] assigned = new int[problem.tracks()];
        Arrays.fill(assigned, -1);
        for (Clusters.Cluster cluster : Clusters.of(problem)) {
            if (cluster.detections().length > 0) {
                solve(problem, cluster, assigned);
            }
        }
        return assigned;
    }

    private void solve(AssociationProblem problem, Clusters.Cluster cluster, int[] assigned) {
        int[] tracks = cluster.tracks();
        int[] detections = cluster.detections();
        int rows = tracks.length;
        int columns = detections.length + rows;
        double[] cost = new double[rows * columns];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            int i = tracks[r];
            int[] gated = problem.gated(i);
            for (int k = 0; k < gated.length; k++) {
                cost[r * columns + Arrays.binarySearch(detections, gated[k])] = -problem.logWeight(i, k);
            }
            cost[r * columns + detections.length + r] = -problem.logMissWeight(i);
        }
        int[] column = solver.solve(cost, rows, columns);
        if (column == null) {
            throw new IllegalStateException("no finite association: a track's miss weight is not finite");
        }
        for (int r = 0; r < rows; r++) {
            assigned[tracks[r]] = column[r] < detections.length ? detections[column[r]] : -1;
        }
    }
}
