package io.bayesfuse.kernels.linalg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymmetricPackingTest {

    @Test
    void packsTheUpperTriangleRowByRowAndUnpacksSymmetric() {
        double[] A = {1, 2, 3, 2, 4, 5, 3, 5, 6};
        double[] packed = SymmetricPacking.pack(A, 3);
        assertThat(packed).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(SymmetricPacking.unpack(packed, 3)).containsExactly(A);
    }

    @Test
    void refusesAPackedArrayOfTheWrongLength() {
        assertThatThrownBy(() -> SymmetricPacking.unpack(new double[5], 3))
                .hasMessageContaining("packed matrix has 5 entries, expected 6 for 3x3");
    }
}
