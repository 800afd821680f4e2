package io.bayesfuse.kernels.motion;

import io.bayesfuse.kernels.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearMotionModelTest {

    private final double[][] F = {{1, 0.5}, {0, 0.9}};
    private final double[][] Q = {{0.1, 0}, {0, 0.2}};

    @Test
    void anyPositiveStepAppliesTheConfiguredMatrices() {
        LinearMotionModel model = new LinearMotionModel("motion model 'm'", F, Q, StateLayout.unstructured(2));
        DMatrixRMaj f = new DMatrixRMaj(1, 1);
        DMatrixRMaj q = new DMatrixRMaj(1, 1);
        model.transition(3.0, f);
        model.processNoise(3.0, q);
        assertThat(f.data).startsWith(1, 0.5, 0, 0.9);
        assertThat(q.data).startsWith(0.1, 0, 0, 0.2);
    }

    @Test
    void aZeroStepIsNoPrediction() {
        LinearMotionModel model = new LinearMotionModel("motion model 'm'", F, Q, StateLayout.unstructured(2));
        DMatrixRMaj f = new DMatrixRMaj(1, 1);
        DMatrixRMaj q = new DMatrixRMaj(1, 1);
        model.transition(0, f);
        model.processNoise(0, q);
        assertThat(f.data).startsWith(1, 0, 0, 1);
        assertThat(q.data).startsWith(0, 0, 0, 0);
    }

    @Test
    void aWrongSizedQIsNamed() {
        assertThatThrownBy(() -> new LinearMotionModel("motion model 'm'", F, new double[][]{{1}}, StateLayout.unstructured(2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("motion model 'm': Q is 1x1 but the state needs 2x2");
    }

    @Test
    void anAsymmetricQIsRefused() {
        assertThatThrownBy(() -> new LinearMotionModel("motion model 'm'", F, new double[][]{{1, 0.5}, {0, 1}}, StateLayout.unstructured(2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Q is not symmetric");
    }
}
