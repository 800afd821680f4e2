package io.bayesfuse.kernels.motion;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** F and Q against FORMAT.md's tables, written out here term by term. */
class KinematicModelTest {

    private static final double DT = 0.37;

    private static void assertMatrix(DMatrixRMaj actual, double[][] expected) {
        assertThat(actual.numRows).isEqualTo(expected.length);
        assertThat(actual.numCols).isEqualTo(expected[0].length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual.get(i, j)).as("[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-15));
            }
        }
    }

    /** The block-diagonal matrix with {@code block} repeated {@code axes} times. */
    private static double[][] blockDiagonal(double[][] block, int axes) {
        int w = block.length;
        double[][] m = new double[w * axes][w * axes];
        for (int a = 0; a < axes; a++) {
            for (int i = 0; i < w; i++) {
                System.arraycopy(block[i], 0, m[a * w + i], a * w, w);
            }
        }
        return m;
    }

    @Test
    void constantVelocityTransitionIsTheFormatBlockPerAxis() {
        DMatrixRMaj F = new DMatrixRMaj(1, 1);
        KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(1)).transition(DT, F);
        assertMatrix(F, blockDiagonal(new double[][]{{1, DT}, {0, 1}}, 2));
    }

    @Test
    void constantAccelerationTransitionIsTheFormatBlockPerAxis() {
        DMatrixRMaj F = new DMatrixRMaj(1, 1);
        KinematicModel.constantAcceleration(3, new ContinuousWhiteNoise(1)).transition(DT, F);
        assertMatrix(F, blockDiagonal(new double[][]{{1, DT, DT * DT / 2}, {0, 1, DT}, {0, 0, 1}}, 3));
    }

    @Test
    void constantVelocityContinuousWhiteNoiseMatchesTheFormat() {
        double q = 0.5;
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(q)).processNoise(DT, Q);
        double dt2 = DT * DT;
        double dt3 = dt2 * DT;
        assertMatrix(Q, blockDiagonal(new double[][]{{q * dt3 / 3, q * dt2 / 2}, {q * dt2 / 2, q * DT}}, 2));
    }

    @Test
    void constantAccelerationContinuousWhiteNoiseMatchesTheFormat() {
        double q = 0.3;
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel.constantAcceleration(3, new ContinuousWhiteNoise(q)).processNoise(DT, Q);
        double t = DT;
        double[][] block = {
                {q * Math.pow(t, 5) / 20, q * Math.pow(t, 4) / 8, q * Math.pow(t, 3) / 6},
                {q * Math.pow(t, 4) / 8, q * Math.pow(t, 3) / 3, q * t * t / 2},
                {q * Math.pow(t, 3) / 6, q * t * t / 2, q * t}};
        assertMatrix(Q, blockDiagonal(block, 3));
    }

    @Test
    void constantVelocityDiscreteWhiteNoiseMatchesTheFormat() {
        double s2 = 0.2;
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel.constantVelocity(2, new DiscreteWhiteNoise(s2)).processNoise(DT, Q);
        double t = DT;
        assertMatrix(Q, blockDiagonal(new double[][]{
                {s2 * Math.pow(t, 4) / 4, s2 * Math.pow(t, 3) / 2},
                {s2 * Math.pow(t, 3) / 2, s2 * t * t}}, 2));
    }

    @Test
    void constantAccelerationDiscreteWhiteNoiseMatchesTheFormat() {
        double s2 = 0.2;
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel.constantAcceleration(3, new DiscreteWhiteNoise(s2)).processNoise(DT, Q);
        double t = DT;
        assertMatrix(Q, blockDiagonal(new double[][]{
                {s2 * Math.pow(t, 4) / 4, s2 * Math.pow(t, 3) / 2, s2 * t * t / 2},
                {s2 * Math.pow(t, 3) / 2, s2 * t * t, s2 * t},
                {s2 * t * t / 2, s2 * t, s2}}, 3));
    }

    @Test
    void randomWalkIsIdentityWithNoiseGrowingWithTheStep() {
        DMatrixRMaj F = new DMatrixRMaj(1, 1);
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel walk = KinematicModel.randomWalk(3, new ContinuousWhiteNoise(2.0));
        walk.transition(DT, F);
        walk.processNoise(DT, Q);
        assertMatrix(F, new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertMatrix(Q, new double[][]{{2 * DT, 0, 0}, {0, 2 * DT, 0}, {0, 0, 2 * DT}});
        KinematicModel.randomWalk(1, new DiscreteWhiteNoise(0.5)).processNoise(DT, Q);
        assertMatrix(Q, new double[][]{{0.5 * DT * DT}});
    }

    @Test
    void aZeroStepIsNoPrediction() {
        DMatrixRMaj F = new DMatrixRMaj(1, 1);
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        KinematicModel ca = KinematicModel.constantAcceleration(2, new DiscreteWhiteNoise(1));
        ca.transition(0, F);
        ca.processNoise(0, Q);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(F.get(i, j)).isEqualTo(i == j ? 1.0 : 0.0);
                assertThat(Q.get(i, j)).isZero();
            }
        }
    }

    @Test
    void layoutsInterleaveDerivativesPerAxis() {
        StateLayout ca = KinematicModel.constantAcceleration(3, new ContinuousWhiteNoise(1)).layout();
        assertThat(ca.size()).isEqualTo(9);
        assertThat(ca.positionIndex(1)).isEqualTo(3);
        assertThat(ca.index(2, 2)).isEqualTo(8);
        StateLayout cv = StateLayout.kinematic(3, 1);
        assertThat(cv.mapInto(ca)).containsExactly(0, 1, -1, 2, 3, -1, 4, 5, -1);
        assertThat(ca.mapInto(cv)).containsExactly(0, 1, 3, 4, 6, 7);
    }
}
