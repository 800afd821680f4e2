package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrawSmoothingTest {

    @Test
    void drawsOnALowerDimensionalSetAreRefusedAndSpreadDrawsAreSmoothed() {
        double[][] flat = new double[20][];
        double[][] spread = new double[20][];
        Random random = new Random(3);
        for (int t = 0; t < flat.length; t++) {
            flat[t] = new double[]{t, 5.0};   // the second coordinate never varies
            spread[t] = new double[]{random.nextGaussian(), random.nextGaussian()};
        }
        assertThatThrownBy(() -> DrawSmoothing.kernelDensity("q", flat, 10, 1.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not positive definite");
        assertThat(DrawSmoothing.kernelDensity("q", spread, 10, 1.0)).isNotNull();
    }
}
