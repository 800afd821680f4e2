package io.bayesfuse.kernels.motion;

/**
 * Where each physical quantity sits in a state vector. A kinematic layout interleaves the
 * derivatives of every spatial axis: for order k each axis holds k+1 consecutive entries
 * {@code [position, velocity, acceleration, ...]} (constant velocity: {@code [p1, v1, p2, v2, ...]},
 * FORMAT.md). An unstructured layout (a general linear model) has n entries with no known meaning,
 * so only measurement models with an explicit H can observe it.
 *
 * <p>Measurement models read positions through {@link #index(int, int)}, and the IMM maps one
 * model's state into another's by (axis, derivative), which is what lets models of different
 * sizes interact.
 */
public final class StateLayout {

    private final int axes;
    private final int order;
    private final int size;

    private StateLayout(int axes, int order, int size) {
        this.axes = axes;
        this.order = order;
        this.size = size;
    }

    /** {@code axes} spatial axes, each with derivatives 0..order (order 1 = constant velocity). */
    public static StateLayout kinematic(int axes, int order) {
        if (axes < 1 || order < 0) {
            throw new IllegalArgumentException("a kinematic layout needs axes >= 1 and order >= 0, got " + axes + ", " + order);
        }
        return new StateLayout(axes, order, axes * (order + 1));
    }

    /** n entries without kinematic meaning. */
    public static StateLayout unstructured(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a state needs at least one entry, got " + n);
        }
        return new StateLayout(0, -1, n);
    }

    public int size() {
        return size;
    }

    public boolean isKinematic() {
        return order >= 0;
    }

    /** Number of spatial axes (0 for an unstructured layout). */
    public int axes() {
        return axes;
    }

    /** Highest derivative held per axis (-1 for an unstructured layout). */
    public int order() {
        return order;
    }

    /** The state index of derivative {@code derivative} of axis {@code axis} (both from 0), or -1 when absent. */
    public int index(int axis, int derivative) {
        if (!isKinematic() || axis < 0 || axis >= axes || derivative < 0 || derivative > order) {
            return -1;
        }
        return axis * (order + 1) + derivative;
    }

    /** The state index of the position of {@code axis} (from 0). */
    public int positionIndex(int axis) {
        return index(axis, 0);
    }

    /**
     * For every entry of {@code target}, the index of the same quantity in this layout, or -1
     * when this layout does not hold it. Two unstructured layouts map entry by entry.
     */
    public int[] mapInto(StateLayout target) {
        int[] map = new int[target.size];
        for (int t = 0; t < target.size; t++) {
            if (target.isKinematic() && isKinematic()) {
                map[t] = index(t / (target.order + 1), t % (target.order + 1));
            } else if (!target.isKinematic() && !isKinematic()) {
                map[t] = t < size ? t : -1;
            } else {
                map[t] = -1;
            }
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateLayout l && l.axes == axes && l.order == order && l.size == size;
    }

    @Override
    public int hashCode() {
        return (axes * 31 + order) * 31 + size;
    }

    @Override
    public String toString() {
        return isKinematic() ? axes + " axes of order " + order + " (" + size + " states)" : size + " unstructured states";
    }
}
