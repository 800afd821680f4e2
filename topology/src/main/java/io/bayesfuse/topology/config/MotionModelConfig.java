package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.extension.ModelExtensions;
import io.bayesfuse.kernels.motion.CoordinatedTurnModel;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A motion model, e.g.
 * <pre>
 * type: constant-velocity     # or constant-acceleration, random-walk
 * axes: 2
 * processNoise: {type: continuous-white-noise, spectralDensity: 0.5}
 * </pre>
 * a general linear model with a fixed transition and noise per step:
 * <pre>
 * type: linear
 * F: [[1, 0.1], [0, 1]]
 * Q: [[0.01, 0], [0, 0.01]]
 * </pre>
 * the nearly coordinated turn in the plane, state [p1, v1, p2, v2, ω] (nonlinear: ekf, ukf or imm):
 * <pre>
 * type: coordinated-turn
 * processNoise: {type: continuous-white-noise, spectralDensity: 0.5}   # acceleration noise per axis
 * turnRateNoise: 1.0e-4                                                 # q_ω, rad²/s³
 * </pre>
 * or a user's model installed as an extension ({@code io.bayesfuse.kernels.extension}):
 * <pre>
 * type: example-drag
 * parameters: {dragCoefficient: 0.002, spectralDensity: 0.1}
 * </pre>
 *
 * @param type          constant-velocity | constant-acceleration | random-walk | linear | coordinated-turn | an extension's type
 * @param axes          number of spatial axes (kinematic types)
 * @param processNoise  the process noise (kinematic types and coordinated-turn)
 * @param F             the transition matrix (linear)
 * @param Q             the process noise covariance per step (linear)
 * @param turnRateNoise the turn rate's white-noise spectral density (coordinated-turn)
 * @param parameters    an extension model's parameters
 */
public record MotionModelConfig(String type, Integer axes, ProcessNoiseConfig processNoise, double[][] F, double[][] Q,
                                Double turnRateNoise, Map<String, Object> parameters) {

    /** The built-in types. */
    public static final Set<String> TYPES = MotionModelType.ids();
    private static final Set<MotionModelType> KINEMATIC = EnumSet.of(MotionModelType.CONSTANT_VELOCITY,
            MotionModelType.CONSTANT_ACCELERATION, MotionModelType.RANDOM_WALK);

    /** A built-in model without the coordinated turn's or an extension's settings. */
    public MotionModelConfig(String type, Integer axes, ProcessNoiseConfig processNoise, double[][] F, double[][] Q) {
        this(type, axes, processNoise, F, Q, null, null);
    }

    /** Whether this is one of the types with per-axis process noise (kinematic, coordinated turn, extensions) rather than {@code linear}. */
    public boolean isKinematic() {
        return kind() != MotionModelType.LINEAR;
    }

    /** Whether this type is not built in: an installed extension provides it. */
    public boolean isExtension() {
        return type != null && kind() == null;
    }

    /** The built-in type, or null for an extension's (or none). */
    public MotionModelType kind() {
        return MotionModelType.of(type);
    }

    void validate(String path, Problems problems) {
        if (!problems.requirePresent(path + ".type", type)) {
            return;
        }
        if (isExtension()) {
            if (ModelExtensions.installed().motion(type) == null) {
                problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES)
                        + " or an installed extension's type " + Sorted.of(ModelExtensions.installed().motionTypes()));
                return;
            }
            refuse(path + ".axes", axes, problems);
            refuse(path + ".processNoise", processNoise, problems);
            refuse(path + ".F", F, problems);
            refuse(path + ".Q", Q, problems);
            refuse(path + ".turnRateNoise", turnRateNoise, problems);
            return;
        }
        refuse(path + ".parameters", parameters, problems);
        if (kind() != MotionModelType.COORDINATED_TURN) {
            refuse(path + ".turnRateNoise", turnRateNoise, problems);
        }
        if (KINEMATIC.contains(kind())) {
            if (problems.requirePresent(path + ".axes", axes) && axes < 1) {
                problems.add(path + ".axes", "is " + axes + ", must be at least 1");
            }
            if (problems.requirePresent(path + ".processNoise", processNoise)) {
                processNoise.validate(path + ".processNoise", problems);
            }
            refuse(path + ".F", F, problems);
            refuse(path + ".Q", Q, problems);
        } else if (kind() == MotionModelType.COORDINATED_TURN) {
            if (axes != null && axes != 2) {
                problems.add(path + ".axes", "is " + axes + " but a coordinated turn is in the plane (2 axes)");
            }
            if (problems.requirePresent(path + ".processNoise", processNoise)) {
                processNoise.validate(path + ".processNoise", problems);
            }
            if (problems.requirePresent(path + ".turnRateNoise", turnRateNoise)) {
                problems.check(path + ".turnRateNoise", () -> CoordinatedTurnModel.requireTurnRateNoise(path, turnRateNoise));
            }
            refuse(path + ".F", F, problems);
            refuse(path + ".Q", Q, problems);
        } else {
            refuse(path + ".axes", axes, problems);
            refuse(path + ".processNoise", processNoise, problems);
            if (problems.requirePresent(path + ".F", F) & problems.requirePresent(path + ".Q", Q)
                    && MatrixSettings.requireSquare(path + ".F", F, problems)
                    && MatrixSettings.requireSquare(path + ".Q", Q, problems) && Q.length != F.length) {
                problems.add(path + ".Q", "is " + Q.length + "x" + Q.length + " but F is " + F.length + "x" + F.length);
            }
        }
    }

    private void refuse(String path, Object value, Problems problems) {
        if (value != null) {
            problems.add(path, "is not used by a motion model of type " + type);
        }
    }

    /**
     * @param type             continuous-white-noise or discrete-white-noise
     * @param spectralDensity  q, for continuous white noise
     * @param variance         σ², for discrete (piecewise-constant) white noise
     */
    public record ProcessNoiseConfig(String type, Double spectralDensity, Double variance) {

        public static final Set<String> TYPES = ProcessNoiseType.ids();

        /** The type, or null when it names none. */
        public ProcessNoiseType kind() {
            return ProcessNoiseType.of(type);
        }

        void validate(String path, Problems problems) {
            if (!problems.requirePresent(path + ".type", type)) {
                return;
            }
            if (kind() == null) {
                problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
                return;
            }
            switch (kind()) {
                case CONTINUOUS_WHITE_NOISE -> requireNonNegative(path + ".spectralDensity", spectralDensity, problems);
                case DISCRETE_WHITE_NOISE -> requireNonNegative(path + ".variance", variance, problems);
            }
        }

        private static void requireNonNegative(String path, Double value, Problems problems) {
            if (problems.requirePresent(path, value) && !(value >= 0 && Double.isFinite(value))) {
                problems.add(path, "is " + value + ", must be a finite number >= 0");
            }
        }
    }
}
