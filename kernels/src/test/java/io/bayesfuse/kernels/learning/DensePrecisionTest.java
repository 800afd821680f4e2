package io.bayesfuse.kernels.learning;

import io.bayesfuse.kernels.learning.algebra.DensePrecision;
import io.bayesfuse.kernels.learning.algebra.Nd4jPrecision;
import io.bayesfuse.kernels.learning.algebra.SmallMatrixPrecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.bayesfuse.kernels.learning.LearningTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;

/** The ND4J path and the small-matrix path are the same algebra: every operation agrees to rounding. */
class DensePrecisionTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 64, 130})
    void theNd4jPathAndTheSmallMatrixPathGiveTheSameNumbers(int D) {
        Random random = new Random(D);
        double[] packed = new double[DensePrecision.packedLength(D)];
        for (int j = 0; j < D; j++) {
            packed[io.bayesfuse.kernels.learning.WeightPosterior.packedDiagonalIndex(j, D)] = 0.5 + random.nextDouble();
        }
        int rows = 2 * D + 3;
        double[] Z = LearningTestData.gaussianVector(random, rows * D, 1);
        double[] b = LearningTestData.gaussianVector(random, D, 1);
        double[] c = LearningTestData.gaussianVector(random, D, 0.1);
        for (int j = 0; j < D; j++) {
            c[j] = Math.abs(c[j]);
        }
        try (DensePrecision small = new SmallMatrixPrecision(D); DensePrecision nd4j = new Nd4jPrecision(D)) {
            Results s = run(small, packed, Z, rows, b, c);
            Results n = run(nd4j, packed, Z, rows, b, c);
            assertThat(relativeDifference(n.lambda, s.lambda)).isLessThan(1e-13);
            assertThat(relativeDifference(n.x, s.x)).isLessThan(1e-10);
            assertThat(relativeDifference(n.whitened, s.whitened)).isLessThan(1e-10);
            assertThat(relativeDifference(n.logDet, s.logDet)).isLessThan(1e-12);
            assertThat(relativeDifference(n.product, s.product)).isLessThan(1e-13);
            assertThat(relativeDifference(n.inverse, s.inverse)).isLessThan(1e-10);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 40})
    void theSolveInvertsTheMatrixAndTheWhitenedRowsGiveTheQuadraticForm(int D) {
        Random random = new Random(7);
        double[] packed = new double[DensePrecision.packedLength(D)];
        for (int j = 0; j < D; j++) {
            packed[io.bayesfuse.kernels.learning.WeightPosterior.packedDiagonalIndex(j, D)] = 1;
        }
        double[] Z = LearningTestData.gaussianVector(random, 3 * D * D, 1);
        for (DensePrecision p : new DensePrecision[]{new SmallMatrixPrecision(D), new Nd4jPrecision(D)}) {
            p.setPacked(packed);
            p.addGram(Z, 3 * D);
            assertThat(p.factor()).isTrue();
            double[] b = LearningTestData.gaussianVector(random, D, 1);
            double[] x = new double[D];
            p.solve(b, x);
            double[] back = new double[D];
            p.multiply(x, back);
            assertThat(relativeDifference(back, b)).isLessThan(1e-10);
            double[] w = b.clone();
            p.whiten(w, 1);
            double quadratic = 0;
            double direct = 0;
            for (int j = 0; j < D; j++) {
                quadratic += w[j] * w[j];
                direct += b[j] * x[j];
            }
            assertThat(relativeDifference(quadratic, direct)).isLessThan(1e-10);
            p.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 90})
    void aMatrixThatIsNotPositiveDefiniteIsRefusedByBothPaths(int D) {
        double[] packed = new double[DensePrecision.packedLength(D)];
        for (int j = 0; j < D; j++) {
            packed[io.bayesfuse.kernels.learning.WeightPosterior.packedDiagonalIndex(j, D)] = j == D / 2 ? -1 : 1;
        }
        for (DensePrecision p : new DensePrecision[]{new SmallMatrixPrecision(D), new Nd4jPrecision(D)}) {
            p.setPacked(packed);
            assertThat(p.factor()).as(p.getClass().getSimpleName()).isFalse();
            packed[0] = Double.NaN;
            packed[io.bayesfuse.kernels.learning.WeightPosterior.packedDiagonalIndex(D / 2, D)] = 1;
            p.setPacked(packed);
            assertThat(p.factor()).as(p.getClass().getSimpleName() + " with NaN").isFalse();
            packed[0] = 1;
            packed[io.bayesfuse.kernels.learning.WeightPosterior.packedDiagonalIndex(D / 2, D)] = -1;
            p.close();
        }
    }

    private record Results(double[] lambda, double[] x, double[] whitened, double logDet, double[] product, double[] inverse) {
    }

    private static Results run(DensePrecision p, double[] packed, double[] Z, int rows, double[] b, double[] c) {
        int D = p.dimension();
        p.setPacked(packed);
        p.scale(0.7);
        p.addDiagonal(c);
        p.addGram(Z, rows);
        double[] lambda = new double[packed.length];
        p.getPacked(lambda);
        assertThat(p.factor()).isTrue();
        double[] x = new double[D];
        p.solve(b, x);
        double[] whitened = java.util.Arrays.copyOf(Z, 3 * D);
        p.whiten(whitened, 3);
        double logDet = p.logDeterminant();
        double[] product = new double[D];
        p.multiply(b, product);
        assertThat(p.invert()).isTrue();
        double[] inverse = new double[packed.length];
        p.getPacked(inverse);
        return new Results(lambda, x, whitened, logDet, product, inverse);
    }
}
