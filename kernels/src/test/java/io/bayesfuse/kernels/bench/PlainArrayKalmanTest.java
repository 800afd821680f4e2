package io.bayesfuse.kernels.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's baseline computes the same step as the kernels' Kalman filter, so the comparison is fair. */
class PlainArrayKalmanTest {

    @Test
    void theBaselineComputesTheSameStepAsTheKernelKalmanFilter() {
        for (FilterStepBenchmark.FilterSetup kernel : new FilterStepBenchmark.FilterSetup[]{
                new FilterStepBenchmark.KfN4M2(), new FilterStepBenchmark.KfN9M3()}) {
            boolean small = kernel instanceof FilterStepBenchmark.KfN4M2;
            if (small) {
                ((FilterStepBenchmark.KfN4M2) kernel).setUp();
            } else {
                ((FilterStepBenchmark.KfN9M3) kernel).setUp();
            }
            PlainArrayKalman plain = small ? new PlainArrayKalman(2, 1, 0.5, 4) : new PlainArrayKalman(3, 2, 0.5, 4);
            double[] z = small ? new double[]{1, 2} : new double[]{1, 2, 3};
            for (int k = 0; k < 50; k++) {
                double nisKernel = kernel.step();
                double nisPlain = plain.step(0.1, z);
                assertThat(nisPlain).isCloseTo(nisKernel, within(1e-9 * Math.max(1, nisKernel)));
            }
            for (int i = 0; i < plain.x.length; i++) {
                assertThat(plain.x[i]).isCloseTo(kernel.filter.mean().get(i), within(1e-9));
            }
        }
    }
}
