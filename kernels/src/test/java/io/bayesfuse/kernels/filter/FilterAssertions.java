package io.bayesfuse.kernels.filter;

import org.ejml.data.DMatrixRMaj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Element-wise comparisons with a relative tolerance. */
final class FilterAssertions {

    private FilterAssertions() {
    }

    static void assertClose(DMatrixRMaj actual, DMatrixRMaj expected, double tolerance, String what) {
        assertThat(actual.numRows).as(what + " rows").isEqualTo(expected.numRows);
        assertThat(actual.numCols).as(what + " columns").isEqualTo(expected.numCols);
        for (int i = 0; i < expected.getNumElements(); i++) {
            double e = expected.data[i];
            assertThat(actual.data[i]).as("%s[%d]", what, i).isCloseTo(e, within(tolerance * Math.max(1, Math.abs(e))));
        }
    }
}
