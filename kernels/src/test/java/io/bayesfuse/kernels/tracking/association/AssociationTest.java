package io.bayesfuse.kernels.tracking.association;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GNN and JPDA against an enumeration of every joint association, written here without pruning. */
class AssociationTest {

    /** A random problem: each track gates each detection with probability {@code density}. */
    static AssociationProblem random(Random random, int tracks, int detections, double density) {
        int[][] gated = new int[tracks][];
        double[][] logWeights = new double[tracks][];
        double[] logMiss = new double[tracks];
        for (int i = 0; i < tracks; i++) {
            List<Integer> in = new ArrayList<>();
            for (int j = 0; j < detections; j++) {
                if (random.nextDouble() < density) {
                    in.add(j);
                }
            }
            gated[i] = in.stream().mapToInt(Integer::intValue).toArray();
            logWeights[i] = new double[gated[i].length];
            for (int k = 0; k < gated[i].length; k++) {
                logWeights[i][k] = random.nextGaussian() * 3;
            }
            logMiss[i] = Math.log(0.1 + 0.3 * random.nextDouble());
        }
        return new AssociationProblem(detections, gated, logWeights, logMiss);
    }

    /** Every joint association as choice[i] = k (k-th gated detection) or gated.length (missed), with its weight. */
    private static void everyJoint(AssociationProblem p, int i, int[] choice, List<int[]> out) {
        if (i == p.tracks()) {
            boolean[] used = new boolean[p.detections()];
            for (int t = 0; t < choice.length; t++) {
                if (choice[t] < p.gated(t).length) {
                    int j = p.gated(t)[choice[t]];
                    if (used[j]) {
                        return;
                    }
                    used[j] = true;
                }
            }
            out.add(choice.clone());
            return;
        }
        for (int k = 0; k <= p.gated(i).length; k++) {
            choice[i] = k;
            everyJoint(p, i + 1, choice, out);
        }
    }

    private static double logWeight(AssociationProblem p, int[] choice) {
        double sum = 0;
        for (int t = 0; t < choice.length; t++) {
            sum += choice[t] < p.gated(t).length ? p.logWeight(t, choice[t]) : p.logMissWeight(t);
        }
        return sum;
    }

    @Test
    void globalNearestNeighbourFindsTheMostLikelyJointAssociation() {
        Random random = new Random(5);
        GlobalNearestNeighbour gnn = new GlobalNearestNeighbour();
        for (int trial = 0; trial < 500; trial++) {
            AssociationProblem p = random(random, 1 + random.nextInt(5), random.nextInt(6), 0.5);
            List<int[]> joints = new ArrayList<>();
            everyJoint(p, 0, new int[p.tracks()], joints);
            double best = joints.stream().mapToDouble(c -> logWeight(p, c)).max().orElseThrow();
            int[] assigned = gnn.associate(p);
            int[] choice = new int[p.tracks()];
            boolean[] used = new boolean[p.detections()];
            for (int t = 0; t < p.tracks(); t++) {
                if (assigned[t] < 0) {
                    choice[t] = p.gated(t).length;
                } else {
                    assertThat(used[assigned[t]]).isFalse();
                    used[assigned[t]] = true;
                    choice[t] = java.util.Arrays.binarySearch(p.gated(t), assigned[t]);
                    assertThat(choice[t]).as("assigned a detection outside the gate").isGreaterThanOrEqualTo(0);
                }
            }
            assertThat(logWeight(p, choice)).as("trial %d", trial).isCloseTo(best, within(1e-9));
        }
    }

    @Test
    void jpdaMarginalsAreExactlyTheSumsOverEveryJointAssociation() {
        Random random = new Random(6);
        JointProbabilisticAssociation jpda = new JointProbabilisticAssociation(JointProbabilisticAssociation.DEFAULT_MAX_HYPOTHESES);
        for (int trial = 0; trial < 300; trial++) {
            AssociationProblem p = random(random, 1 + random.nextInt(5), random.nextInt(6), 0.6);
            List<int[]> joints = new ArrayList<>();
            everyJoint(p, 0, new int[p.tracks()], joints);
            double[][] expected = new double[p.tracks()][];
            for (int t = 0; t < p.tracks(); t++) {
                expected[t] = new double[p.gated(t).length + 1];
            }
            double total = 0;
            for (int[] c : joints) {
                double w = Math.exp(logWeight(p, c));
                total += w;
                for (int t = 0; t < c.length; t++) {
                    expected[t][c[t]] += w;
                }
            }
            double[][] beta = jpda.associate(p);
            for (int t = 0; t < p.tracks(); t++) {
                double sum = 0;
                for (int k = 0; k < beta[t].length; k++) {
                    assertThat(beta[t][k]).as("trial %d track %d entry %d", trial, t, k).isCloseTo(expected[t][k] / total, within(1e-12));
                    sum += beta[t][k];
                }
                assertThat(sum).isCloseTo(1, within(1e-12));
            }
        }
        assertThat(jpda.approximatedClusters()).isZero();
    }

    @Test
    void beyondTheEnumerationBoundBeliefPropagationStaysCloseToTheExactMarginals() {
        Random random = new Random(8);
        JointProbabilisticAssociation exact = new JointProbabilisticAssociation(Integer.MAX_VALUE);
        JointProbabilisticAssociation approximate = new JointProbabilisticAssociation(1);
        double worst = 0;
        double sumOfErrors = 0;
        int entries = 0;
        for (int trial = 0; trial < 200; trial++) {
            AssociationProblem p = random(random, 2 + random.nextInt(5), 1 + random.nextInt(6), 0.5);
            double[][] a = exact.associate(p);
            double[][] b = approximate.associate(p);
            for (int t = 0; t < a.length; t++) {
                double sum = 0;
                for (int k = 0; k < a[t].length; k++) {
                    worst = Math.max(worst, Math.abs(a[t][k] - b[t][k]));
                    sumOfErrors += Math.abs(a[t][k] - b[t][k]);
                    entries++;
                    sum += b[t][k];
                }
                assertThat(sum).isCloseTo(1, within(1e-9));
            }
        }
        assertThat(approximate.approximatedClusters()).isPositive();
        // dense random clusters with log-weights of spread 3 are a hard case; typical errors are far smaller
        assertThat(sumOfErrors / entries).isLessThan(0.01);
        assertThat(worst).isLessThan(0.2);
    }

    @Test
    void beliefPropagationIsExactWhenTheClusterIsATree() {
        // two tracks sharing one detection, each with one detection of its own: a tree
        AssociationProblem p = new AssociationProblem(3, new int[][]{{0, 1}, {1, 2}},
                new double[][]{{Math.log(3), Math.log(5)}, {Math.log(2), Math.log(0.5)}}, new double[]{Math.log(0.2), Math.log(0.3)});
        double[][] exact = new JointProbabilisticAssociation(1000).associate(p);
        double[][] approximate = new JointProbabilisticAssociation(1).associate(p);
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < 3; k++) {
                assertThat(approximate[t][k]).isCloseTo(exact[t][k], within(1e-9));
            }
        }
    }

    @Test
    void clustersSeparateTracksThatShareNoDetection() {
        AssociationProblem p = new AssociationProblem(5, new int[][]{{0}, {3, 4}, {}, {0, 2}},
                new double[][]{{0}, {0, 0}, {}, {0, 0}}, new double[]{0, 0, 0, 0});
        List<Clusters.Cluster> clusters = Clusters.of(p);
        assertThat(clusters).hasSize(3);
        assertThat(clusters.get(0).tracks()).containsExactly(0, 3);
        assertThat(clusters.get(0).detections()).containsExactly(0, 2);
        assertThat(clusters.get(1).tracks()).containsExactly(1);
        assertThat(clusters.get(1).detections()).containsExactly(3, 4);
        assertThat(clusters.get(2).tracks()).containsExactly(2);
        assertThat(clusters.get(2).detections()).isEmpty();
    }
}
