package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.Angles;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.NonlinearMotionModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The unscented Kalman filter (Julier and Uhlmann 1997; Wan and Van der Merwe 2000) with
 * {@link MerweScaledSigmaPoints}, as FORMAT.md specifies it (and FilterPy 1.4.5 computes it):
 * <pre>
 * predict: χ = sigma points of (x, P); χ' = F·χ (or f(χ) for a nonlinear motion model); x = Σ Wmᵢ χ'ᵢ; P = Σ Wcᵢ (χ'ᵢ − x)(χ'ᵢ − x)ᵀ + Q
 * update:  χ = fresh sigma points of the predicted (x, P); Zᵢ = h(χᵢ)
 *          ẑ = Σ Wmᵢ Zᵢ (angles: atan2(Σ Wmᵢ sin Zᵢ, Σ Wmᵢ cos Zᵢ))
 *          S = Σ Wcᵢ (Zᵢ ⊖ ẑ)(Zᵢ ⊖ ẑ)ᵀ + R;  Pxz = Σ Wcᵢ (χᵢ − x)(Zᵢ ⊖ ẑ)ᵀ
 *          K = Pxz·S⁻¹;  x = x + K·(z ⊖ ẑ);  P = P − K·S·Kᵀ
 * </pre>
 * where ⊖ wraps angle components to (−π, π].
 */
public final class UnscentedKalmanFilter extends GaussianFilter {

    private final MerweScaledSigmaPoints points;
    private final int count;
    private final DMatrixRMaj sigmas;
    private final DMatrixRMaj propagated;
    private final DMatrixRMaj Zs = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj zColumn = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dz = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Pxz = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj PxzT = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Kt = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj K = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj KS = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj H = new DMatrixRMaj(1, 1);
    private final double[] dx;
    private final DMatrixRMaj sigmaOut;

    public UnscentedKalmanFilter(MotionModel motion, double alpha, double beta, double kappa) {
        super(motion);
        this.points = new MerweScaledSigmaPoints(n, alpha, beta, kappa);
        this.count = points.count();
        this.sigmas = new DMatrixRMaj(n, count);
        this.propagated = new DMatrixRMaj(n, count);
        this.dx = new double[n];
        this.sigmaOut = new DMatrixRMaj(n, 1);
    }

    public MerweScaledSigmaPoints sigmaPoints() {
        return points;
    }

    @Override
    public void predict(double dt) {
        requireTimeStep(dt);
        if (dt == 0 || diverged) {
            return;
        }
        if (!points.generate(x, P, sigmas)) {
            diverged = true;
            return;
        }
        motion.processNoise(dt, Q);
        if (motion instanceof NonlinearMotionModel f) {
            propagateEach(f, dt);
        } else {
            motion.transition(dt, F);
            CommonOps_DDRM.mult(F, sigmas, propagated);
        }
        double[] Wm = points.meanWeights();
        double[] Wc = points.covarianceWeights();
        double[] s = propagated.data;
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Wm[i] * s[r * count + i];
            }
            x.data[r] = sum;
        }
        P.setTo(Q);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                dx[r] = s[r * count + i] - x.data[r];
            }
            addWeightedOuter(P.data, Wc[i], dx, n, dx, n);
        }
        Matrices.symmetrise(P);
    }

    /** χ'ᵢ = f(χᵢ, dt), column by column. */
    private void propagateEach(NonlinearMotionModel f, double dt) {
        propagated.reshape(n, count);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                xWork.data[r] = sigmas.data[r * count + i];
            }
            f.propagate(dt, xWork, sigmaOut);
            for (int r = 0; r < n; r++) {
                propagated.data[r * count + i] = sigmaOut.data[r];
            }
        }
    }

    @Override
    protected boolean innovate(MeasurementModel h, DMatrixRMaj z, DMatrixRMaj R) {
        int m = h.measurementSize();
        if (!points.generate(x, P, sigmas)) {
            return false;
        }
        double[] Wm = points.meanWeights();
        double[] Wc = points.covarianceWeights();
        Zs.reshape(m, count);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                xWork.data[r] = sigmas.data[r * count + i];
            }
            h.predict(layout, xWork, zColumn);
            for (int j = 0; j < m; j++) {
                Zs.data[j * count + i] = zColumn.data[j];
            }
        }
        zPredicted.reshape(m, 1);
        for (int j = 0; j < m; j++) {
            if (h.isAngle(j)) {
                zPredicted.data[j] = Angles.circularMean(Zs.data, j, count, Wm);
            } else {
                double sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += Wm[i] * Zs.data[j * count + i];
                }
                zPredicted.data[j] = sum;
            }
        }
        S.setTo(R);
        Pxz.reshape(n, m);
        Pxz.zero();
        dz.reshape(m, 1);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < m; j++) {
                double d = Zs.data[j * count + i] - zPredicted.data[j];
                dz.data[j] = h.isAngle(j) ? Angles.wrap(d) : d;
            }
            for (int r = 0; r < n; r++) {
                dx[r] = sigmas.data[r * count + i] - x.data[r];
            }
            addWeightedOuter(S.data, Wc[i], dz.data, m, dz.data, m);
            addWeightedOuter(Pxz.data, Wc[i], dx, n, dz.data, m);
        }
        h.residual(z, zPredicted, y);
        return true;
    }

    @Override
    protected boolean correct() {
        int m = y.numRows;
        // K = Pxz·S⁻¹, solved as S·Kᵀ = Pxzᵀ
        PxzT.reshape(m, n);
        CommonOps_DDRM.transpose(Pxz, PxzT);
        sSolver.solve(PxzT, Kt);
        K.reshape(n, m);
        CommonOps_DDRM.transpose(Kt, K);
        CommonOps_DDRM.multAdd(K, y, x);
        // P = P − K·S·Kᵀ
        CommonOps_DDRM.mult(K, S, KS);
        CommonOps_DDRM.multAddTransB(-1.0, KS, K, P);
        return true;
    }

    @Override
    protected DMatrixRMaj H() {
        return H;
    }

    /** target (rows×cols, row-major) += w·a·bᵀ. */
    private static void addWeightedOuter(double[] target, double w, double[] a, int rows, double[] b, int cols) {
        for (int r = 0; r < rows; r++) {
            double wa = w * a[r];
            for (int c = 0; c < cols; c++) {
                target[r * cols + c] += wa * b[c];
            }
        }
    }

    @Override
    public String toString() {
        return "unscented Kalman filter (α=" + points.alpha() + ", β=" + points.beta() + ", κ=" + points.kappa()
                + ") on " + motion;
    }
}
