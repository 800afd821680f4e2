package io.bayesfuse.kernels.tracking.association;

import java.util.ArrayList;
import java.util.List;

/**
 * The independent parts of an association problem: tracks that share a gated detection, directly
 * or through other tracks, form a cluster with the detections in their gates (connected components
 * of the track–detection gating graph). Joint associations factorise over clusters, so GNN and JPDA
 * solve each on its own. A track that gates nothing is a cluster of its own with no detections.
 * Clusters are listed by their lowest track, tracks and detections ascending within each.
 */
public final class Clusters {

    /** One cluster: its tracks and its detections, ascending. */
    public record Cluster(int[] tracks, int[] detections) {
    }

    private Clusters() {
    }

    public static List<Cluster> of(AssociationProblem problem) {
        int t = problem.tracks();
        int d = problem.detections();
        // union-find over t track nodes and d detection nodes
        int[] parent = new int[t + d];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < t; i++) {
            for (int j : problem.gated(i)) {
                union(parent, i, t + j);
            }
        }
        int[] clusterOfRoot = new int[t + d];
        java.util.Arrays.fill(clusterOfRoot, -1);
        List<List<Integer>> trackLists = new ArrayList<>();
        List<List<Integer>> detectionLists = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            int root = find(parent, i);
            if (clusterOfRoot[root] < 0) {
                clusterOfRoot[root] = trackLists.size();
                trackLists.add(new ArrayList<>());
                detectionLists.add(new ArrayList<>());
            }
            trackLists.get(clusterOfRoot[root]).add(i);
        }
        for (int j = 0; j < d; j++) {
            int c = clusterOfRoot[find(parent, t + j)];
            if (c >= 0) {
                detectionLists.get(c).add(j);
            }
        }
        List<Cluster> clusters = new ArrayList<>(trackLists.size());
        for (int c = 0; c < trackLists.size(); c++) {
            clusters.add(new Cluster(trackLists.get(c).stream().mapToInt(Integer::intValue).toArray(),
                    detectionLists.get(c).stream().mapToInt(Integer::intValue).toArray()));
        }
        return clusters;
    }

    private static int find(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // the lower index becomes the root, so roots are deterministic
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
