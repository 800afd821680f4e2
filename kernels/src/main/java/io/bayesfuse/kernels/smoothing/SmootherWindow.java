package io.bayesfuse.kernels.smoothing;

import io.bayesfuse.kernels.filter.GaussianState;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An entity's last filtered estimates, oldest first, for {@link FixedLagSmoother}: a plain value
 * for the entity's stored state. At most lag + 1 entries: with lag L the window holds steps
 * k − L … k, which is all the backward pass to k − L needs.
 *
 * @param times    each estimate's time (epoch milliseconds), non-decreasing
 * @param filtered the filtered estimate at each time (after its measurement, or the prediction if it was gated)
 */
public record SmootherWindow(long[] times, List<GaussianState> filtered) {

    /** A window with nothing in it. */
    public static final SmootherWindow EMPTY = new SmootherWindow(new long[0], List.of());

    public SmootherWindow {
        Objects.requireNonNull(times, "times");
        filtered = List.copyOf(filtered);
        if (times.length != filtered.size()) {
            throw new IllegalArgumentException("smoother window: " + times.length + " times for " + filtered.size() + " estimates");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                throw new IllegalArgumentException("smoother window: times must not decrease, " + times[i] + " follows " + times[i - 1]);
            }
        }
    }

    public int size() {
        return times.length;
    }

    /** The window without its newest {@code count} entries. */
    public SmootherWindow dropNewest(int count) {
        int keep = Math.max(0, size() - count);
        return new SmootherWindow(Arrays.copyOf(times, keep), filtered.subList(0, keep));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmootherWindow w && Arrays.equals(times, w.times) && filtered.equals(w.filtered);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + filtered.hashCode();
    }

    @Override
    public String toString() {
        return "SmootherWindow" + Arrays.toString(times);
    }
}
