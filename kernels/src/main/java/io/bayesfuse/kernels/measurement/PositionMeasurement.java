package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/** z = the position of every axis (FORMAT.md {@code position}); m = number of axes. */
public final class PositionMeasurement implements ReversibleMeasurement {

    private final int axes;

    /** @param axes the number of spatial axes, which must equal the motion model's */
    public PositionMeasurement(int axes) {
        if (axes < 1) {
            throw new IllegalArgumentException("a position measurement needs at least one axis, got " + axes);
        }
        this.axes = axes;
    }

    @Override
    public int measurementSize() {
        return axes;
    }

    @Override
    public void requireCompatible(String subject, StateLayout layout) {
        Compatibility.requireKinematicAxes(subject, layout, axes, "a position measurement of " + axes + " axes");
    }

    @Override
    public boolean isLinear() {
        return true;
    }

    @Override
    public void predict(StateLayout layout, DMatrixRMaj x, DMatrixRMaj z) {
        z.reshape(axes, 1);
        for (int a = 0; a < axes; a++) {
            z.data[a] = x.data[layout.positionIndex(a)];
        }
    }

    @Override
    public void jacobian(StateLayout layout, DMatrixRMaj x, DMatrixRMaj H) {
        H.reshape(axes, layout.size());
        H.zero();
        for (int a = 0; a < axes; a++) {
            H.unsafe_set(a, layout.positionIndex(a), 1.0);
        }
    }

    /** The position of each axis is the measurement. */
    @Override
    public void invert(StateLayout layout, double[] z, double[] x) {
        for (int a = 0; a < axes; a++) {
            x[layout.positionIndex(a)] = z[a];
        }
    }

    @Override
    public String toString() {
        return "position of " + axes + " axes";
    }
}
