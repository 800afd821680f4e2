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
    void leavesItsInputUntouched() {
        DMatrixRMaj A = Matrices.of(new double[][]{{4, 2}, {2, 3}});
        DMatrixRMaj copy = A.copy();
        new CholeskySolver().decompose(A);
        assertThat(A.data).containsExactly(copy.data);
    }
}
