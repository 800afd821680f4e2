package io.bayesfuse.kernels.motion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import org.ejml.data.DMatrixRMaj;

/**
 * The nearly coordinated turn in the plane with the turn rate in the state, x = [p1, v1, p2, v2, ω]
 * (Bar-Shalom, Li, Kirubarajan 2001, §11.7; Li and Jilkov 2003, "Survey of maneuvering target
 * tracking. Part I", §4.2.2). Over a step T the velocity turns by ωT at constant speed:
 * <pre>
 * p1' = p1 + sin(ωT)/ω·v1 − (1 − cos ωT)/ω·v2      v1' = cos(ωT)·v1 − sin(ωT)·v2
 * p2' = p2 + (1 − cos ωT)/ω·v1 + sin(ωT)/ω·v2      v2' = sin(ωT)·v1 + cos(ωT)·v2
 * ω'  = ω
 * </pre>
 * with the limits sin(ωT)/ω → T and (1 − cos ωT)/ω → 0 as ω → 0 (then it is the constant-velocity
 * model). The process noise is the configured white-noise acceleration on each axis (the
 * constant-velocity block of {@link ProcessNoise}) and a white turn-rate noise of spectral density
 * q_ω on ω: Q = blockdiag(Q_cv, Q_cv, q_ω·T). The Jacobian is analytic (below); near ω = 0 the
 * ratios use their Taylor series, so f and F stay smooth through straight flight.
 */
public final class CoordinatedTurnModel implements NonlinearMotionModel {

    /** Below this |ωT| the trigonometric ratios use their Taylor series (error < 1e-13 relative). */
    private static final double SMALL_TURN = 1e-3;

    private final StateLayout layout = StateLayout.kinematicWithExtras(2, 1, 1);
    private final ProcessNoise noise;
    private final double turnRateNoise;
    private final double[] block = new double[4];
    private final double[] ratios = new double[4];

    /**
     * @param noise         the acceleration noise of each axis
     * @param turnRateNoise q_ω ≥ 0, the spectral density of the turn rate's white noise (rad²/s³)
     */
    public CoordinatedTurnModel(ProcessNoise noise, double turnRateNoise) {
        requireTurnRateNoise("coordinated turn", turnRateNoise);
        this.noise = noise;
        this.turnRateNoise = turnRateNoise;
    }

    public ProcessNoise noise() {
        return noise;
    }

    /** The one check of q_ω, shared with the configuration. @throws InvalidInputException unless finite and ≥ 0 */
    public static void requireTurnRateNoise(String subject, double turnRateNoise) {
        if (!(turnRateNoise >= 0 && Double.isFinite(turnRateNoise))) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "turnRateNoise",
                    "is " + turnRateNoise + ", must be a finite number >= 0");
        }
    }

    public double turnRateNoise() {
        return turnRateNoise;
    }

    @Override
    public StateLayout layout() {
        return layout;
    }

    @Override
    public void propagate(double dt, DMatrixRMaj x, DMatrixRMaj out) {
        out.reshape(5, 1);
        double p1 = x.data[0];
        double v1 = x.data[1];
        double p2 = x.data[2];
        double v2 = x.data[3];
        double omega = x.data[4];
        ratios(omega, dt, ratios);
        double a = ratios[0];   // sin(ωT)/ω
        double b = ratios[1];   // (1 − cos ωT)/ω
        double s = Math.sin(omega * dt);
        double c = Math.cos(omega * dt);
        out.data[0] = p1 + a * v1 - b * v2;
        out.data[1] = c * v1 - s * v2;
        out.data[2] = p2 + b * v1 + a * v2;
        out.data[3] = s * v1 + c * v2;
        out.data[4] = omega;
    }

    /** ∂f/∂x: the rotation terms, and the column of ω from the derivatives of the ratios. */
    @Override
    public void jacobian(double dt, DMatrixRMaj x, DMatrixRMaj F) {
        F.reshape(5, 5);
        F.zero();
        double v1 = x.data[1];
        double v2 = x.data[3];
        double omega = x.data[4];
        ratios(omega, dt, ratios);
        double a = ratios[0];
        double b = ratios[1];
        double da = ratios[2];   // d/dω sin(ωT)/ω
        double db = ratios[3];   // d/dω (1 − cos ωT)/ω
        double s = Math.sin(omega * dt);
        double c = Math.cos(omega * dt);
        F.unsafe_set(0, 0, 1);
        F.unsafe_set(0, 1, a);
        F.unsafe_set(0, 3, -b);
        F.unsafe_set(0, 4, da * v1 - db * v2);
        F.unsafe_set(1, 1, c);
        F.unsafe_set(1, 3, -s);
        F.unsafe_set(1, 4, -dt * (s * v1 + c * v2));
        F.unsafe_set(2, 1, b);
        F.unsafe_set(2, 2, 1);
        F.unsafe_set(2, 3, a);
        F.unsafe_set(2, 4, db * v1 + da * v2);
        F.unsafe_set(3, 1, s);
        F.unsafe_set(3, 3, c);
        F.unsafe_set(3, 4, dt * (c * v1 - s * v2));
        F.unsafe_set(4, 4, 1);
    }

    /**
     * {sin(ωT)/ω, (1 − cos ωT)/ω, and their derivatives in ω}:
     * d/dω sin(ωT)/ω = (ωT·cos ωT − sin ωT)/ω², d/dω (1 − cos ωT)/ω = (ωT·sin ωT − (1 − cos ωT))/ω².
     */
    static void ratios(double omega, double dt, double[] out) {
        double u = omega * dt;
        if (Math.abs(u) < SMALL_TURN) {
            double u2 = u * u;
            out[0] = dt * (1 - u2 / 6);
            out[1] = dt * u / 2 * (1 - u2 / 12);
            out[2] = -omega * dt * dt * dt / 3 * (1 - u2 / 10);
            out[3] = dt * dt / 2 * (1 - u2 / 4);
            return;
        }
        double s = Math.sin(u);
        double c = Math.cos(u);
        out[0] = s / omega;
        out[1] = (1 - c) / omega;
        out[2] = (u * c - s) / (omega * omega);
        out[3] = (u * s - (1 - c)) / (omega * omega);
    }

    @Override
    public void processNoise(double dt, DMatrixRMaj Q) {
        Q.reshape(5, 5);
        Q.zero();
        if (dt == 0) {
            return;
        }
        noise.block(1, dt, block);
        for (int axis = 0; axis < 2; axis++) {
            int o = 2 * axis;
            Q.unsafe_set(o, o, block[0]);
            Q.unsafe_set(o, o + 1, block[1]);
            Q.unsafe_set(o + 1, o, block[2]);
            Q.unsafe_set(o + 1, o + 1, block[3]);
        }
        Q.unsafe_set(4, 4, turnRateNoise * dt);
    }

    @Override
    public String toString() {
        return "coordinated turn in the plane (turn rate in the state)";
    }
}
