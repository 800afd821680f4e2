package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.motion.StateLayout;
import org.ejml.data.DMatrixRMaj;

/**
 * The shared part of the sensors at a fixed origin that measure a range and then one angle per
 * further axis (range-bearing in 2-D, range-bearing-elevation in 3-D): the origin, the size, the
 * axes they need, nonlinearity, and the bearing (component 1) as the one angle whose residual wraps.
 */
abstract class RangeAndAnglesMeasurement implements ReversibleMeasurement {

    private final String kind;
    private final double[] origin;

    /**
     * @param kind   the sensor's name in messages, e.g. "range-bearing"
     * @param origin the sensor's position, one coordinate per observed axis
     */
    RangeAndAnglesMeasurement(String kind, double... origin) {
        for (double o : origin) {
            if (!Double.isFinite(o)) {
                throw new IllegalArgumentException("origin must be finite, got " + java.util.Arrays.toString(origin));
            }
        }
        this.kind = kind;
        this.origin = origin.clone();
    }

    @Override
    public final int measurementSize() {
        return origin.length;
    }

    @Override
    public final void requireCompatible(String subject, StateLayout layout) {
        Compatibility.requireKinematicAxes(subject, layout, origin.length, "a " + kind + " measurement");
    }

    @Override
    public final boolean isLinear() {
        return false;
    }

    @Override
    public final boolean isAngle(int i) {
        return i == 1;
    }

    /** The sensor's coordinate on {@code axis}. */
    protected final double origin(int axis) {
        return origin[axis];
    }

    /** The state's position on {@code axis} relative to the sensor: p − o. */
    protected final double offset(StateLayout layout, DMatrixRMaj x, int axis) {
        return x.data[layout.positionIndex(axis)] - origin[axis];
    }

    @Override
    public String toString() {
        return kind + " from " + java.util.Arrays.toString(origin);
    }
}
