package io.bayesfuse.kernels.tracking;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One unlabelled detection of a scan: a measurement z of some target, or clutter, and optionally
 * its own noise covariance R (otherwise the sensor's). Checked against the sensor when its scan is
 * processed.
 *
 * @param z the measured value
 * @param R this detection's noise covariance, or null for the sensor's
 */
public record Detection(double[] z, double[][] R) {

    /**
     * The order a scan's detections are processed in, whatever order they arrived in: by z, then R
     * (none first), component by component. Equal detections are interchangeable.
     */
    public static final Comparator<Detection> CANONICAL = (a, b) -> {
        int c = compare(a.z, b.z);
        if (c != 0) {
            return c;
        }
        if (a.R == null || b.R == null) {
            return a.R == null ? (b.R == null ? 0 : -1) : 1;
        }
        c = Integer.compare(a.R.length, b.R.length);
        for (int i = 0; c == 0 && i < a.R.length; i++) {
            c = compare(a.R[i], b.R[i]);
        }
        return c;
    };

    public Detection {
        Objects.requireNonNull(z, "z");
    }

    /** A detection with the sensor's noise. */
    public static Detection at(double... z) {
        return new Detection(z, null);
    }

    private static int compare(double[] a, double[] b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection d && Arrays.equals(z, d.z) && Arrays.deepEquals(R, d.R);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(z) + Arrays.deepHashCode(R);
    }

    @Override
    public String toString() {
        return "Detection" + Arrays.toString(z) + (R == null ? "" : " R=" + Arrays.deepToString(R));
    }
}
