package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Which of a scan's detections fall in a predicted track's gate, and their log-likelihoods
 * log N(z; ẑ, S). For a Kalman-family filter ẑ and S do not depend on z, so they are computed once
 * per track and each detection costs one residual and one triangular solve; a detection with its
 * own R (another S), and the IMM, go through the filter's own update with a gate that refuses
 * everything, which computes the NIS and log-likelihood and leaves the state as it was.
 * Not thread-safe.
 */
final class Innovations {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Evaluates a measurement without applying it. */
    private static final Gate EVALUATE_ONLY = (nis, dof) -> false;

    /**
     * The detections in a track's gate.
     *
     * @param detections     their indices in the scan, ascending
     * @param logLikelihoods log N(zⱼ; ẑ, Sⱼ) of each
     */
    record Gated(int[] detections, double[] logLikelihoods) {
    }

    private final CholeskySolver solver = new CholeskySolver();
    private final DMatrixRMaj zHat = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj ownR = new DMatrixRMaj(1, 1);
    private int[] indices = new int[16];
    private double[] values = new double[16];

    /**
     * @param filter    holding the track's predicted state (left unchanged)
     * @param threshold the NIS gate, χ²ₘ⁻¹(P_G)
     * @return the gated detections, or null when the prediction cannot be evaluated (a covariance
     * that is not positive definite: the track has diverged)
     */
    Gated gate(RecursiveFilter filter, TrackingSensor sensor, List<Detection> detections, DetectionIndex index,
               double threshold) {
        MeasurementModel h = sensor.model();
        int m = h.measurementSize();
        int count = 0;
        boolean shared = false;
        double logDeterminant = 0;
        int from = 0;
        int to = index.size();
        if (filter instanceof GaussianFilter g) {
            z.reshape(m, 1);
            z.zero();
            if (g.update(h, z, sensor.R(), EVALUATE_ONLY).outcome() == UpdateResult.Outcome.DIVERGED
                    || !solver.decompose(g.innovationCovariance())) {
                return null;
            }
            zHat.setTo(g.predictedMeasurement());
            logDeterminant = solver.logDeterminant();
            shared = true;
            if (!h.isAngle(0)) {
                // yᵀS⁻¹y ≥ y₀²/S₀₀: only detections with |z₀ − ẑ₀| ≤ √(threshold·S₀₀) can be in the gate
                double halfWidth = Math.sqrt(threshold * g.innovationCovariance().get(0, 0));
                from = index.firstAtLeast(zHat.data[0] - halfWidth);
                to = index.firstAbove(zHat.data[0] + halfWidth);
            }
        }
        for (int k = from; k < to + index.ownNoise().length; k++) {
            int j = k < to ? index.detection(k) : index.ownNoise()[k - to];
            Detection d = detections.get(j);
            load(d, m);
            double nis;
            double logLikelihood;
            if (shared && d.R() == null) {
                h.residual(z, zHat, y);
                nis = solver.quadraticForm(y);
                logLikelihood = -0.5 * (nis + logDeterminant + m * LOG_2PI);
            } else {
                UpdateResult r = filter.update(h, z, d.R() == null ? sensor.R() : loadR(d, m), EVALUATE_ONLY);
                if (r.outcome() == UpdateResult.Outcome.DIVERGED) {
                    return null;
                }
                nis = r.nis();
                logLikelihood = r.logLikelihood();
            }
            if (nis <= threshold) {
                add(count++, j, logLikelihood);
            }
        }
        // ascending detection order, as the association expects
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(indices[a], indices[b]));
        int[] gated = new int[count];
        double[] logLikelihoods = new double[count];
        for (int i = 0; i < count; i++) {
            gated[i] = indices[order[i]];
            logLikelihoods[i] = values[order[i]];
        }
        return new Gated(gated, logLikelihoods);
    }

    /** The detection's z, as a column (a reused buffer). */
    DMatrixRMaj load(Detection d, int m) {
        z.reshape(m, 1);
        System.arraycopy(d.z(), 0, z.data, 0, m);
        return z;
    }

    /** The detection's own R (a reused buffer). */
    DMatrixRMaj loadR(Detection d, int m) {
        ownR.reshape(m, m);
        for (int i = 0; i < m; i++) {
            System.arraycopy(d.R()[i], 0, ownR.data, i * m, m);
        }
        return ownR;
    }

    private void add(int at, int detection, double logLikelihood) {
        if (at == indices.length) {
            indices = java.util.Arrays.copyOf(indices, 2 * at);
            values = java.util.Arrays.copyOf(values, 2 * at);
        }
        indices[at] = detection;
        values[at] = logLikelihood;
    }
}
