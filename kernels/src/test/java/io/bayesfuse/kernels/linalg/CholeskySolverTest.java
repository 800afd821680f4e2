package io.bayesfuse.kernels.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CholeskySolverTest {

    private static DMatrixRMaj randomSpd(Random random, int n) {
        DMatrixRMaj A = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            A.data[i] = random.nextGaussian();
        }
        DMatrixRMaj spd = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(A, A, spd);
        for (int i = 0; i < n; i++) {
            spd.add(i, i, n);
        }
        return spd;
    }

    @Test
    void solvesAgainstTheDirectInverse() {
        Random random = new Random(7);
        for (int n = 1; n <= 12; n++) {
            DMatrixRMaj A = randomSpd(random, n);
            DMatrixRMaj B = new DMatrixRMaj(n, 3);
            for (int i = 0; i < B.data.length; i++) {
                B.data[i] = random.nextGaussian();
            }
            CholeskySolver solver = new CholeskySolver();
            assertThat(solver.decompose(A)).isTrue();
            DMatrixRMaj X = new DMatrixRMaj(1, 1);
            solver.solve(B, X);

            DMatrixRMaj AX = new DMatrixRMaj(n, 3);
            CommonOps_DDRM.mult(A, X, AX);
            for (int i = 0; i < B.data.length; i++) {
                assertThat(AX.data[i]).isCloseTo(B.data[i], within(1e-10));
            }
        }
    }

    @Test
    void quadraticFormAndLogDeterminantMatchTheirDefinitions() {
        Random random = new Random(11);
        DMatrixRMaj A = randomSpd(random, 5);
        DMatrixRMaj y = new DMatrixRMaj(5, 1);
        for (int i = 0; i < 5; i++) {
            y.data[i] = random.nextGaussian();
        }
        CholeskySolver solver = new CholeskySolver();
        assertThat(solver.decompose(A)).isTrue();

        DMatrixRMaj Ainv = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.invert(A, Ainv);
        DMatrixRMaj tmp = new DMatrixRMaj(5, 1);
        CommonOps_DDRM.mult(Ainv, y, tmp);
        double expected = CommonOps_DDRM.dot(y, tmp);

        assertThat(solver.quadraticForm(y)).isCloseTo(expected, within(1e-10));
        assertThat(solver.logDeterminant()).isCloseTo(Math.log(CommonOps_DDRM.det(A)), within(1e-10));

        DMatrixRMaj inverse = new DMatrixRMaj(5, 5);
        solver.invert(inverse);
        for (int i = 0; i < 25; i++) {
            assertThat(inverse.data[i]).isCloseTo(Ainv.data[i], within(1e-10));
        }
    }

    @Test
    void invertsIntoAnExactlySymmetricInverseAtEverySize() {
        Random random = new Random(23);
        for (int n = 1; n <= 40; n++) {
            DMatrixRMaj A = randomSpd(random, n);
            CholeskySolver solver = new CholeskySolver();
            assertThat(solver.decompose(A)).isTrue();
            DMatrixRMaj inverse = new DMatrixRMaj(3, 7);   // reshaped by invert
            solver.invert(inverse);
            DMatrixRMaj expected = new DMatrixRMaj(n, n);
            CommonOps_DDRM.invert(A, expected);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(inverse.get(i, j)).as("n=%d (%d,%d)", n, i, j)
                            .isCloseTo(expected.get(i, j), within(1e-9 * (1 + Math.abs(expected.get(i, j)))));
                    assertThat(inverse.get(i, j)).isEqualTo(inverse.get(j, i));
                }
            }
        }
    }

    @Test
    void invertsAnIllConditionedMatrixToItsIdentityResidual() {
        // Hilbert-like but well inside double precision: condition number about 1e10 at n = 7
        int n = 7;
        DMatrixRMaj A = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                A.set(i, j, 1.0 / (i + j + 1));
            }
        }
        CholeskySolver solver = new CholeskySolver();
        assertThat(solver.decompose(A)).isTrue();
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        DMatrixRMaj product = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(A, inverse, product);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(product.get(i, j)).as("(A·A⁻¹)(%d,%d)", i, j).isCloseTo(i == j ? 1 : 0, within(1e-5));
            }
        }
    }

    @Test
    void refusesMatricesThatAreNotPositiveDefinite() {
        CholeskySolver solver = new CholeskySolver();
        assertThat(solver.decompose(Matrices.of(new double[][]{{1, 2}, {2, 1}}))).isFalse();
        assertThat(solver.decompose(Matrices.of(new double[][]{{0, 0}, {0, 1}}))).isFalse();
        assertThat(solver.decompose(Matrices.of(new double[][]{{Double.NaN, 0}, {0, 1}}))).isFalse();
        assertThatThrownBy(() -> solver.solve(new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isPositiveDefiniteAnswersAsDecomposeDoesOnEdgeCasesAndOnMatricesNearTheBoundary() {
        Random random = new Random(41);
        int positive = 0;
        int negative = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int n = 1 + random.nextInt(20);
            DMatrixRMaj m = randomSpd(random, n);
            switch (trial % 5) {
                case 0 -> { }                                            // well inside
                case 1 -> {                                              // shifted to about its smallest eigenvalue: either side
                    double[] eigen = smallestEigenvalueBounds(m);
                    double shift = eigen[0] * (1 + (random.nextDouble() - 0.5) * 1e-9);
                    for (int i = 0; i < n; i++) {
                        m.add(i, i, -shift);
                    }
                }
                case 2 -> m.set(random.nextInt(n), random.nextInt(n), random.nextGaussian() * 50);   // perhaps indefinite
                case 3 -> CommonOps_DDRM.scale(Math.pow(10, 150 + random.nextInt(160)), m);          // towards overflow
                default -> m.set(random.nextInt(n), random.nextInt(n),
                        random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY);
            }
            DMatrixRMaj before = m.copy();
            boolean expected = new CholeskySolver().decompose(m);
            assertThat(CholeskySolver.isPositiveDefinite(m)).as("trial %d (n = %d)", trial, n).isEqualTo(expected);
            assertThat(m.data).as("untouched").isEqualTo(before.data);
            if (expected) {
                positive++;
            } else {
                negative++;
            }
        }
        for (double[][] singular : new double[][][]{{{1, 1}, {1, 1}}, {{4, 2}, {2, 1}}, {{0}}, {{1, 0}, {0, 0}}}) {
            assertThat(CholeskySolver.isPositiveDefinite(Matrices.of(singular))).as("exactly singular").isFalse()
                    .isEqualTo(new CholeskySolver().decompose(Matrices.of(singular)));
        }
        assertThat(positive).as("positive definite cases").isGreaterThan(5_000);
        assertThat(negative).as("refused cases").isGreaterThan(5_000);
        assertThatThrownBy(() -> CholeskySolver.isPositiveDefinite(new DMatrixRMaj(2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** About the smallest eigenvalue of an SPD matrix, by inverse iteration through its Cholesky factor. */
    private static double[] smallestEigenvalueBounds(DMatrixRMaj spd) {
        int n = spd.numRows;
        CholeskySolver solver = new CholeskySolver();
        solver.decompose(spd);
        DMatrixRMaj v = new DMatrixRMaj(n, 1);
        java.util.Arrays.fill(v.data, 1.0);
        DMatrixRMaj next = new DMatrixRMaj(n, 1);
        double rayleigh = 0;
        for (int k = 0; k < 200; k++) {
            solver.solve(v, next);
            double norm = Math.sqrt(CommonOps_DDRM.dot(next, next));
            CommonOps_DDRM.scale(1 / norm, next, v);
            DMatrixRMaj Av = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.mult(spd, v, Av);
            rayleigh = CommonOps_DDRM.dot(v, Av);
        }
        return new double[]{rayleigh};
    }

    @Test
    void leavesItsInputUntouched() {
        DMatrixRMaj A = Matrices.of(new double[][]{{4, 2}, {2, 3}});
        DMatrixRMaj copy = A.copy();
        new CholeskySolver().decompose(A);
        assertThat(A.data).containsExactly(copy.data);
    }
}
