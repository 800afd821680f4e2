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
    /** Entries after the kinematic block that belong to no axis (a coordinated turn's turn rate). */
    private final int extras;

    private StateLayout(int axes, int order, int size, int extras) {
        this.axes = axes;
        this.order = order;
        this.size = size;
        this.extras = extras;
    }

    /** {@code axes} spatial axes, each with derivatives 0..order (order 1 = constant velocity). */
    public static StateLayout kinematic(int axes, int order) {
        if (axes < 1 || order < 0) {
            throw new IllegalArgumentException("a kinematic layout needs axes >= 1 and order >= 0, got " + axes + ", " + order);
        }
        return new StateLayout(axes, order, axes * (order + 1), 0);
    }

    /**
     * A kinematic layout followed by {@code extras} entries that belong to no axis, e.g. the turn
     * rate of a coordinated turn: {@code [p1, v1, p2, v2, ω]} is {@code kinematicWithExtras(2, 1, 1)}.
     * Another layout with extras maps them by their position after the kinematic block.
     */
    public static StateLayout kinematicWithExtras(int axes, int order, int extras) {
        if (axes < 1 || order < 0 || extras < 0) {
            throw new IllegalArgumentException("a kinematic layout needs axes >= 1, order >= 0 and extras >= 0, got "
                    + axes + ", " + order + ", " + extras);
        }
        return new StateLayout(axes, order, axes * (order + 1) + extras, extras);
    }

    /** n entries without kinematic meaning. */
    public static StateLayout unstructured(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a state needs at least one entry, got " + n);
        }
        return new StateLayout(0, -1, n, 0);
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

    /** The number of entries after the kinematic block that belong to no axis. */
    public int extras() {
        return extras;
    }

    /** The state index of extra entry {@code e} (from 0), or -1 when absent. */
    public int extraIndex(int e) {
        return isKinematic() && e >= 0 && e < extras ? size - extras + e : -1;
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
                int kinematicSize = target.size - target.extras;
                map[t] = t < kinematicSize ? index(t / (target.order + 1), t % (target.order + 1))
                        : extraIndex(t - kinematicSize);
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
        return o instanceof StateLayout l && l.axes == axes && l.order == order && l.size == size && l.extras == extras;
    }

    @Override
    public int hashCode() {
        return ((axes * 31 + order) * 31 + size) * 31 + extras;
    }

    @Override
    public String toString() {
        if (!isKinematic()) {
            return size + " unstructured states";
        }
        return axes + " axes of order " + order + (extras == 0 ? "" : " and " + extras + " more") + " (" + size + " states)";
    }
}
