package io.bayesfuse.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestSupportTest {

    @Test
    void theGaussJordanInverseTimesTheMatrixIsTheIdentityEvenWhenItMustPivot() {
        double[][] A = {{0, 2, 1}, {1, 0, 3}, {4, -1, 0}};
        double[][] product = PlainMatrix.multiply(PlainMatrix.inverse(A), A);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(product[i][j]).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void drawsHaveTheCovarianceTheyAreDrawnFromAlsoWhenItIsRankDeficient() {
        LinearGaussianSimulation simulation = LinearGaussianSimulation.seeded(7);
        double[][] Q = NearlyConstantVelocity.processNoise(1.0, 2.0);
        Q[2][2] = 0;   // a singular axis: p2 fixed, v2 free
        Q[2][3] = 0;
        Q[3][2] = 0;
        int n = 200_000;
        double[][] sum = new double[4][4];
        for (int k = 0; k < n; k++) {
            double[] x = simulation.draw(new double[4], Q);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    sum[i][j] += x[i] * x[j] / n;
                }
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(sum[i][j]).as("E[x%d x%d]", i, j).isCloseTo(Q[i][j], within(0.02 * (1 + Math.abs(Q[i][j]))));
            }
        }
    }

    @Test
    void aMatrixWithANegativePivotIsNotACovariance() {
        LinearGaussianSimulation simulation = LinearGaussianSimulation.seeded(1);
        assertThatThrownBy(() -> simulation.draw(new double[2], new double[][]{{1, 2}, {2, 1}}))
                .hasMessageContaining("not a covariance");
    }

    @Test
    void aStepMovesTheStateByTheTransitionWhenThereIsNoNoise() {
        LinearGaussianSimulation simulation = LinearGaussianSimulation.seeded(1);
        double[] next = simulation.step(NearlyConstantVelocity.transition(2), new double[4][4], new double[]{1, 3, -1, 0.5});
        assertThat(next).containsExactly(7, 3, 0, 0.5);
    }
}
