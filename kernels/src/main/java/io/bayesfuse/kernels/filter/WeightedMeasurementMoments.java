package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.measurement.Angles;
import io.bayesfuse.kernels.measurement.MeasurementModel;

/**
 * The moments of a measurement predicted from weighted points (sigma points, particles, IMM modes),
 * written once for the filters that need them:
 * <pre>
 *   ẑ = Σᵢ wᵢ zᵢ            (for an angle component: atan2(Σᵢ wᵢ sin zᵢ, Σᵢ wᵢ cos zᵢ))
 *   dᵢ = zᵢ ⊖ ẑ             (angle differences wrapped into (−π, π])
 *   S += Σᵢ wᵢ dᵢ dᵢᵀ
 * </pre>
 * The points' predicted measurements sit in one array: component j of point i at
 * {@code Z[i·pointStride + j·componentStride]} (a row per point, or a column per point). The sums run
 * over the points in order, so a filter that used its own loop before gets the same bits.
 */
final class WeightedMeasurementMoments {

    private WeightedMeasurementMoments() {
    }

    /** ẑ (m×1, already shaped) = the weighted mean of the {@code count} points' measurements, circular for angles. */
    static void mean(MeasurementModel h, double[] w, int count, double[] Z, int pointStride, int componentStride, double[] zHat) {
        int m = h.measurementSize();
        for (int j = 0; j < m; j++) {
            if (h.isAngle(j)) {
                double s = 0;
                double c = 0;
                for (int i = 0; i < count; i++) {
                    double theta = Z[i * pointStride + j * componentStride];
                    s += w[i] * Math.sin(theta);
                    c += w[i] * Math.cos(theta);
                }
                zHat[j] = Math.atan2(s, c);
            } else {
                double sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += w[i] * Z[i * pointStride + j * componentStride];
                }
                zHat[j] = sum;
            }
        }
    }

    /** d = zᵢ ⊖ ẑ for point {@code i}, angle components wrapped. */
    static void deviation(MeasurementModel h, double[] Z, int i, int pointStride, int componentStride, double[] zHat, double[] d) {
        int m = h.measurementSize();
        for (int j = 0; j < m; j++) {
            double diff = Z[i * pointStride + j * componentStride] - zHat[j];
            d[j] = h.isAngle(j) ? Angles.wrap(diff) : diff;
        }
    }

    /** target (rows×cols, row-major) += w·a·bᵀ. */
    static void addWeightedOuter(double[] target, double w, double[] a, int rows, double[] b, int cols) {
        for (int r = 0; r < rows; r++) {
            double wa = w * a[r];
            for (int c = 0; c < cols; c++) {
                target[r * cols + c] += wa * b[c];
            }
        }
    }
}
