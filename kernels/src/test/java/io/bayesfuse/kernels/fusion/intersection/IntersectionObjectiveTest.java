package io.bayesfuse.kernels.fusion.intersection;

import io.bayesfuse.kernels.fusion.FusionTestData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IntersectionObjectiveTest {

    static List<DMatrixRMaj> randomPrecisions(Random random, int K, int d) {
        List<DMatrixRMaj> list = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            list.add(new DMatrixRMaj(FusionTestData.randomSpd(random, d, 0.5 + 2 * random.nextDouble(), 0.3)));
        }
        return list;
    }

    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void gradientAndHessianMatchCentralDifferences(IntersectionCriterion criterion) {
        Random random = new Random(criterion.ordinal() + 1);
        for (int trial = 0; trial < 20; trial++) {
            int K = 2 + random.nextInt(4);
            int d = 1 + random.nextInt(5);
            IntersectionObjective f = new IntersectionObjective(criterion, randomPrecisions(random, K, d));
            double[] omega = new double[K];
            double sum = 0;
            for (int i = 0; i < K; i++) {
                omega[i] = 0.2 + random.nextDouble();
                sum += omega[i];
            }
            for (int i = 0; i < K; i++) {
                omega[i] /= sum;
            }
            double[] g = new double[K];
            double[] H = new double[K * K];
            double value = f.evaluate(omega, g, H);
            assertThat(value).isEqualTo(f.value(omega));
            double h = 1e-5;
            for (int i = 0; i < K; i++) {
                double[] plus = omega.clone();
                double[] minus = omega.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (f.value(plus) - f.value(minus)) / (2 * h);
                assertThat(g[i]).as("g[%d]", i).isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(numeric))));
                double[] gPlus = new double[K];
                double[] gMinus = new double[K];
                f.evaluate(plus, gPlus, null);
                f.evaluate(minus, gMinus, null);
                for (int j = 0; j < K; j++) {
                    double numericH = (gPlus[j] - gMinus[j]) / (2 * h);
                    assertThat(H[j * K + i]).as("H[%d][%d]", j, i)
                            .isCloseTo(numericH, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(numericH))));
                }
            }
        }
    }
}
