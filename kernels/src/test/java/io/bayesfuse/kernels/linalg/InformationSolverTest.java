package io.bayesfuse.kernels.linalg;

import io.bayesfuse.kernels.fusion.FusionTestData;
import io.bayesfuse.kernels.linalg.LapackInformationSolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InformationSolverTest {

    private static double[] rowMajor(double[][] rows) {
        int d = rows.length;
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(rows[i], 0, a, i * d, d);
        }
        return a;
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {1, 3, 17, 70, 130})
    void lapackAndEjmlGiveTheSameMeanAndCovariance(int d) {
        Random random = new Random(d);
        double[] Lambda = rowMajor(FusionTestData.randomSpd(random, d, 2.0, 0.5));
        double[] eta = FusionTestData.randomVector(random, d, 3.0);
        double[] xEjml = new double[d];
        double[] PEjml = new double[d * d];
        double[] xLapack = new double[d];
        double[] PLapack = new double[d * d];
        assertThat(new EjmlInformationSolver(d).solve(Lambda, eta, xEjml, PEjml)).isTrue();
        try (LapackInformationSolver lapack = new LapackInformationSolver(d)) {
            assertThat(lapack.solve(Lambda, eta, xLapack, PLapack)).isTrue();
        }
        FusionTestData.assertClose(xLapack, xEjml, 1e-11, "x");
        FusionTestData.assertClose(PLapack, PEjml, 1e-11, "P");
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertThat(PLapack[i * d + j]).as("LAPACK P is exactly symmetric").isEqualTo(PLapack[j * d + i]);
            }
        }
        // Λ x = η
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += Lambda[i * d + k] * xLapack[k];
            }
            assertThat(Math.abs(s - eta[i])).isLessThan(1e-9 * Math.max(1, Math.abs(eta[i])));
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {2, 80})
    void bothSolversReportAPrecisionThatIsNotPositiveDefinite(int d) {
        double[] Lambda = new double[d * d];
        for (int i = 0; i < d; i++) {
            Lambda[i * d + i] = i == d / 2 ? -1.0 : 1.0;
        }
        double[] eta = new double[d];
        assertThat(new EjmlInformationSolver(d).solve(Lambda, eta, new double[d], new double[d * d])).isFalse();
        try (LapackInformationSolver lapack = new LapackInformationSolver(d)) {
            assertThat(lapack.solve(Lambda, eta, new double[d], new double[d * d])).isFalse();
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {1, 64})
    void forDimensionPicksLapackFromTheThresholdOn(int threshold) {
        assertThat(InformationSolver.forDimension(10, threshold))
                .isInstanceOf(threshold <= 10 ? LapackInformationSolver.class : EjmlInformationSolver.class);
    }
}
