package io.bayesfuse.kernels.linalg;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputChecksTest {

    @Test
    void aWrongDimensionNamesTheSubjectFieldAndSizes() {
        assertThatThrownBy(() -> InputChecks.requireShape("sensor 'radar-2'", "R",
                Matrices.diagonal(1, 1), 3, 3, "the measurement"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sensor 'radar-2': R is 2x2 but the measurement needs 3x3")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(Problem.WRONG_DIMENSION);
    }

    @Test
    void nonFiniteValuesAreLocated() {
        assertThatThrownBy(() -> InputChecks.requireFinite("measurement", "z", new double[]{1, Double.NaN}))
                .hasMessage("measurement: z has a non-finite value (NaN) at index 1");
    }

    @Test
    void asymmetricAndIndefiniteMatricesAreRefused() {
        assertThatThrownBy(() -> InputChecks.requireSymmetricPositiveDefinite("sensor 'gps'", "R",
                Matrices.of(new double[][]{{1, 0.5}, {0.4, 1}})))
                .hasMessageContaining("is not symmetric");
        assertThatThrownBy(() -> InputChecks.requireSymmetricPositiveDefinite("sensor 'gps'", "R",
                Matrices.of(new double[][]{{1, 2}, {2, 1}})))
                .hasMessage("sensor 'gps': R is not positive definite")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(Problem.NOT_POSITIVE_DEFINITE);
        assertThatCode(() -> InputChecks.requireSymmetricPositiveDefinite("sensor 'gps'", "R",
                Matrices.diagonal(4, 4))).doesNotThrowAnyException();
    }

    @Test
    void aNoiseCovarianceIsCheckedForItsSizeAndForBeingPositiveDefiniteByOneHelper() {
        assertThatThrownBy(() -> InputChecks.requireCovariance("sensor 'radar'", "R", Matrices.diagonal(1, 1, 1), 2,
                "a range-bearing measurement"))
                .hasMessage("sensor 'radar': R is 3x3 but a range-bearing measurement has 2 components")
                .extracting(e -> ((InvalidInputException) e).detail()).isEqualTo("is 3x3 but a range-bearing measurement has 2 components");
        assertThatThrownBy(() -> InputChecks.requireCovariance("sensor 'gps'", "R", Matrices.of(new double[][]{{1, 2}, {2, 1}}), 2,
                "its position of 2 axes"))
                .hasMessage("sensor 'gps': R is not positive definite");
        assertThatCode(() -> InputChecks.requireCovariance("sensor 'gps'", "R", Matrices.diagonal(4, 4), 2,
                "its position of 2 axes")).doesNotThrowAnyException();
    }
}
