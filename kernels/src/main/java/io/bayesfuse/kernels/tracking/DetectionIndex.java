package io.bayesfuse.kernels.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scan's detections (those with the sensor's R) sorted by their first measurement component, so
 * that gating a track looks only at the detections whose first component is within the gate's extent
 * (for any positive definite S, yᵀS⁻¹y ≥ y₀²/S₀₀); detections with their own R (another S) are always
 * looked at. Pruning this way changes no result, only the work: a scan of n detections costs each
 * track O(log n + detections near it) instead of O(n).
 */
final class DetectionIndex {

    private final double[] keys;
    private final int[] order;
    private final int[] ownNoise;

    private DetectionIndex(double[] keys, int[] order, int[] ownNoise) {
        this.keys = keys;
        this.order = order;
        this.ownNoise = ownNoise;
    }

    static DetectionIndex of(List<Detection> detections) {
        List<Integer> shared = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (int j = 0; j < detections.size(); j++) {
            (detections.get(j).R() == null ? shared : own).add(j);
        }
        Integer[] sorted = shared.toArray(Integer[]::new);
        Arrays.sort(sorted, (a, b) -> Double.compare(detections.get(a).z()[0], detections.get(b).z()[0]));
        double[] keys = new double[sorted.length];
        int[] order = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            order[i] = sorted[i];
            keys[i] = detections.get(sorted[i]).z()[0];
        }
        return new DetectionIndex(keys, order, own.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The number of detections with the sensor's R. */
    int size() {
        return order.length;
    }

    /** The scan index of the k-th detection by first component. */
    int detection(int k) {
        return order[k];
    }

    /** The detections with their own R (scan indices). */
    int[] ownNoise() {
        return ownNoise;
    }

    /** The first position whose key is ≥ {@code value}. */
    int firstAtLeast(double value) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position whose key is > {@code value}. */
    int firstAbove(double value) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
