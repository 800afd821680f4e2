package io.bayesfuse.kernels.linalg;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompensatedSumTest {

    @Test
    void takingAwayADominantTermLeavesTheSmallOnesExact() {
        CompensatedSum sum = new CompensatedSum(1);
        sum.add(0, 1e17);
        sum.add(0, 0.1234567);
        sum.add(0, 3.0);
        sum.add(0, -1e17);
        assertThat(sum.value(0)).isEqualTo(0.1234567 + 3.0);

        double plain = 1e17 + 0.1234567 + 3.0 - 1e17;
        assertThat(plain).as("a plain running sum loses the small terms").isNotEqualTo(0.1234567 + 3.0);
    }

    @Test
    void manyAdditionsAndRemovalsMatchTheExactSumOfWhatRemains() {
        Random random = new Random(3);
        CompensatedSum sum = new CompensatedSum(4);
        List<double[]> present = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (!present.isEmpty() && random.nextInt(3) == 0) {
                double[] gone = present.remove(random.nextInt(present.size()));
                sum.add(gone, -1.0);
                sum.countSubtraction();
            } else {
                double magnitude = Math.pow(10, random.nextInt(24) - 8);
                double[] term = new double[4];
                for (int i = 0; i < 4; i++) {
                    term[i] = magnitude * random.nextGaussian();
                }
                present.add(term);
                sum.add(term, 1.0);
            }
        }
        for (int i = 0; i < 4; i++) {
            BigDecimal exact = BigDecimal.ZERO;
            for (double[] term : present) {
                exact = exact.add(new BigDecimal(term[i]));
            }
            double expected = exact.doubleValue();
            assertThat(sum.value(i)).as("entry " + i).isCloseTo(expected, within(1e-14 * Math.abs(expected) + 1e-300));
        }
        assertThat(sum.subtractionsSinceReset()).isPositive();
    }

    @Test
    void addingADiagonalTouchesOnlyTheDiagonalOfAMatrixSum() {
        CompensatedSum sum = new CompensatedSum(9);
        sum.add(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, 1.0);
        sum.addDiagonal(new double[]{10, 20, 30}, -1.0);
        double[] values = new double[9];
        sum.values(values);
        assertThat(values).containsExactly(-9, 2, 3, 4, -15, 6, 7, 8, -21);
    }

    @Test
    void aRestoredSumContinuesExactlyWhereTheOriginalWas() {
        CompensatedSum sum = new CompensatedSum(2);
        sum.add(new double[]{1e16, 1.0}, 1.0);
        sum.add(new double[]{1.0, 1e-17}, 1.0);
        sum.countSubtraction();
        CompensatedSum restored = CompensatedSum.restore(sum.sumPart(), sum.compensationPart(), sum.subtractionsSinceReset());
        sum.add(new double[]{-1e16, 0}, 1.0);
        restored.add(new double[]{-1e16, 0}, 1.0);
        assertThat(restored.value(0)).isEqualTo(sum.value(0)).isEqualTo(1.0);
        assertThat(restored.value(1)).isEqualTo(sum.value(1));
        assertThat(restored.subtractionsSinceReset()).isEqualTo(1);
    }

    @Test
    void addingAPackedSymmetricMatrixIsBitForBitAddingItUnpacked() {
        Random random = new Random(23);
        for (int n = 1; n <= 17; n++) {
            CompensatedSum packed = new CompensatedSum(n * n);
            CompensatedSum unpacked = new CompensatedSum(n * n);
            for (int round = 0; round < 20; round++) {
                double[] A = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        A[i * n + j] = A[j * n + i] = random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
                    }
                }
                double scale = random.nextBoolean() ? 1.0 : -random.nextDouble() * 3;
                packed.addPackedSymmetric(SymmetricPacking.pack(A, n), n, scale);
                unpacked.add(SymmetricPacking.unpack(SymmetricPacking.pack(A, n), n), scale);
            }
            assertThat(packed.sumPart()).isEqualTo(unpacked.sumPart());
            assertThat(packed.compensationPart()).isEqualTo(unpacked.compensationPart());
        }
    }
}
