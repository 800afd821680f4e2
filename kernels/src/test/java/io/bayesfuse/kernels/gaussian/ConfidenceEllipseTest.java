package io.bayesfuse.kernels.gaussian;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfidenceEllipseTest {

    @Test
    void anAxisAlignedCovarianceGivesSigmaTimesTheStandardDeviations() {
        ConfidenceEllipse e = ConfidenceEllipse.of(9, 0, 4, 2);
        assertThat(e.semiMajor()).isCloseTo(6, within(1e-12));
        assertThat(e.semiMinor()).isCloseTo(4, within(1e-12));
        assertThat(e.angle()).isZero();
        assertThat(ConfidenceEllipse.of(4, 0, 9, 2).angle()).isCloseTo(Math.PI / 2, within(1e-12));
    }

    @Test
    void aCorrelatedCovarianceIsRotatedAlongItsEigenvector() {
        // rotate diag(16, 1) by 30 degrees: R diag R^T
        double t = Math.toRadians(30);
        double cs = Math.cos(t);
        double sn = Math.sin(t);
        double a = 16 * cs * cs + sn * sn;
        double b = (16 - 1) * cs * sn;
        double c = 16 * sn * sn + cs * cs;
        ConfidenceEllipse e = ConfidenceEllipse.of(a, b, c, 1);
        assertThat(e.semiMajor()).isCloseTo(4, within(1e-12));
        assertThat(e.semiMinor()).isCloseTo(1, within(1e-12));
        assertThat(e.angle()).isCloseTo(t, within(1e-12));
    }

    @Test
    void twoSigmaHoldsAboutEightySixPercentInTwoDimensions() {
        assertThat(ConfidenceEllipse.probabilityInside(2)).isCloseTo(0.8646647, within(1e-7));
    }

    @Test
    void aCovarianceThatIsNotPositiveSemidefiniteIsRefused() {
        assertThatThrownBy(() -> ConfidenceEllipse.of(1, 2, 1, 2)).hasMessageContaining("not positive semidefinite");
        assertThatThrownBy(() -> ConfidenceEllipse.of(Double.NaN, 0, 1, 2)).hasMessageContaining("must be finite");
    }
}
