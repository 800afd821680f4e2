package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.linalg.InputChecks;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * z = H·x with a configured H (m×n) over a reference state layout. Against another layout (an
 * IMM mode) each column is moved to the index of the same quantity there.
 */
public final class LinearMeasurement implements MeasurementModel {

    private final DMatrixRMaj H;
    private final LayoutProjection projection;
    private final boolean[] observed;

    /**
     * @param subject   names the sensor in errors
     * @param H         m×n, n the size of {@code reference}
     * @param reference the layout H is written for
     */
    public LinearMeasurement(String subject, double[][] H, StateLayout reference) {
        this.H = Matrices.of(H);
        InputChecks.requireShape(subject, "H", this.H, this.H.numRows, reference.size(), "the state");
        InputChecks.requireFinite(subject, "H", this.H);
        this.projection = new LayoutProjection(reference);
        this.observed = new boolean[reference.size()];
        for (int i = 0; i < this.H.numRows; i++) {
            for (int j = 0; j < this.H.numCols; j++) {
                observed[j] |= this.H.unsafe_get(i, j) != 0;
            }
        }
    }

    @Override
    public int measurementSize() {
        return H.numRows;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        projection.requireAll(subject, "H", layout, observed);
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    @Override
    public void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        int m = H.numRows;
        z.reshape(m, 1);
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < H.numCols; j++) {
                double h = H.unsafe_get(i, j);
                if (h != 0) {
                    sum += h * x.data[projection.index(layout, j)];
                }
            }
            z.data[i] = sum;
        }
    }

    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj Hout) {
        int m = H.numRows;
        Hout.reshape(m, layout.size());
        Hout.zero();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < H.numCols; j++) {
                double h = H.unsafe_get(i, j);
                if (h != 0) {
                    Hout.unsafe_set(i, projection.index(layout, j), h);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "linear measurement " + Matrices.shape(H);
    }
}
