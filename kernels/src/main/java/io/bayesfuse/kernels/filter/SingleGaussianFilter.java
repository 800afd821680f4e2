package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;

/**
 * The capabilities of a filter whose estimate is one Gaussian N(x, P) carried by one linear(ised)
 * motion model (the Kalman family and the information filter), beyond {@link RecursiveFilter}:
 * what fixed-lag smoothing, innovation diagnostics and noise learning ask of a filter. A mixture
 * (IMM) or a particle filter has none of them and does not implement this interface.
 */
public interface SingleGaussianFilter extends RecursiveFilter {

    /** The one motion model the estimate follows: the F and Q a Rauch–Tung–Striebel pass runs backwards. */
    MotionModel motionModel();

    /**
     * The whitened innovation e = L⁻¹·y of the last update whose innovation covariance S = L·Lᵀ was
     * factorised: e ~ N(0, I_m) while the filter is consistent, and eᵀe is the NIS.
     *
     * @param out receives e (m×1)
     * @throws IllegalStateException when there was none
     */
    void normalisedInnovation(DMatrixRMaj out);

    /**
     * True when a {@link io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate} may learn a sensor's R
     * through this filter's updates (restoring the prediction between its iterations).
     */
    boolean learnsNoise();
}
