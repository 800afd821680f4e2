package io.bayesfuse.kernels.tracking.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GospaTest {

    private final Gospa gospa = Gospa.standard();

    @Test
    void withNothingOnEitherSideItIsZero() {
        assertThat(gospa.between(new double[0][], new double[0][]).distance()).isZero();
    }

    @Test
    void eachMissedTargetAndEachFalseTrackCostsHalfTheCutoff() {
        Gospa.Result onlyTruth = gospa.between(new double[0][], new double[][]{{0, 0}, {5, 5}});
        assertThat(onlyTruth.distance()).isEqualTo(10.0);
        assertThat(onlyTruth.missed()).isEqualTo(2);
        Gospa.Result onlyTracks = gospa.between(new double[][]{{1, 1}}, new double[0][]);
        assertThat(onlyTracks.distance()).isEqualTo(5.0);
        assertThat(onlyTracks.falseTracks()).isEqualTo(1);
    }

    @Test
    void aPairCloserThanTheCutoffCostsItsDistanceAndAFarOneIsAMissPlusAFalseTrack() {
        Gospa.Result near = gospa.between(new double[][]{{3, 4}}, new double[][]{{0, 0}});
        assertThat(near.distance()).isCloseTo(5.0, within(1e-12));
        assertThat(near.localisation()).isCloseTo(5.0, within(1e-12));
        assertThat(near.truthOf()).containsExactly(0);
        Gospa.Result far = gospa.between(new double[][]{{30, 40}}, new double[][]{{0, 0}});
        assertThat(far.distance()).isEqualTo(10.0);
        assertThat(far.missed()).isEqualTo(1);
        assertThat(far.falseTracks()).isEqualTo(1);
        assertThat(far.truthOf()).containsExactly(-1);
    }

    @Test
    void theAssignmentIsOptimalNotGreedy() {
        // greedy would pair estimate 0 with truth 1 (distance 1) and leave 9 for the other pair
        double[][] estimates = {{0, 0}, {2, 0}};
        double[][] truths = {{-4, 0}, {1, 0}};
        Gospa.Result r = gospa.between(estimates, truths);
        assertThat(r.localisation()).isCloseTo(5.0, within(1e-12));
        assertThat(r.truthOf()).containsExactly(0, 1);
    }

    @Test
    void matchesAnExhaustiveMinimumOverPartialAssignmentsOnRandomSets() {
        Random random = new Random(4);
        for (int trial = 0; trial < 500; trial++) {
            double[][] x = points(random, random.nextInt(5));
            double[][] y = points(random, random.nextInt(5));
            double expected = exhaustive(x, y, 0, new boolean[y.length]);
            assertThat(gospa.between(x, y).distance()).as("trial %d", trial).isCloseTo(expected, within(1e-9));
            assertThat(gospa.between(y, x).distance()).isCloseTo(expected, within(1e-9));
        }
    }

    private static double[][] points(Random random, int n) {
        double[][] p = new double[n][2];
        for (double[] q : p) {
            q[0] = random.nextDouble() * 30;
            q[1] = random.nextDouble() * 30;
        }
        return p;
    }

    /** min over partial assignments of Σ d + 5·(unassigned x + unassigned y), with d = ‖x − y‖ (no cut-off needed). */
    private static double exhaustive(double[][] x, double[][] y, int i, boolean[] used) {
        if (i == x.length) {
            int free = 0;
            for (boolean u : used) {
                free += u ? 0 : 1;
            }
            return 5.0 * free;
        }
        double best = 5.0 + exhaustive(x, y, i + 1, used);
        for (int j = 0; j < y.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, Math.hypot(x[i][0] - y[j][0], x[i][1] - y[j][1]) + exhaustive(x, y, i + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void neesOfAnErrorOfOneStandardDeviationPerComponentIsTheDimension() {
        ConsistencyScore score = new ConsistencyScore();
        assertThat(score.add(new double[]{1, 2}, new double[]{3, 2 - 3}, new double[]{4, 0, 0, 9})).isCloseTo(2.0, within(1e-12));
        assertThat(score.add(new double[]{0, 0}, new double[]{0, 0}, new double[]{1, 0, 0, 1})).isZero();
        assertThat(score.meanNees()).isCloseTo(1.0, within(1e-12));
        assertThat(score.anees()).isCloseTo(0.5, within(1e-12));
        assertThat(score.add(new double[]{0, 0}, new double[]{1, 1}, new double[]{1, 2, 2, 1})).isNaN();
        assertThat(score.count()).isEqualTo(2);
    }
}
