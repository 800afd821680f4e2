package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.extension.ModelExtensions;
import io.bayesfuse.kernels.gating.ChiSquareGate;

import java.util.Map;
import java.util.Set;

/**
 * A sensor: its measurement model, its noise covariance R and an optional gate, e.g.
 * <pre>
 * measurement: {type: range-bearing, origin: [-200.0, -150.0]}
 * R: [[1.0, 0.0], [0.0, 0.0001]]
 * gate: {probability: 0.999}
 * adaptation: {type: diagonal, priorStrength: 10, forgetting: 0.98}      # optional: learn R online
 * changepoint: {hazard: 1000, action: {type: inflate-r, factor: 10}}    # optional: detect changes
 * </pre>
 *
 * @param measurement the measurement model
 * @param R           the measurement noise covariance (m×m); for state evidence, the default Q(z);
 *                    with adaptation, the prior's point estimate
 * @param gate        optional chi-square gate
 * @param adaptation  optional adaptive noise ({@link AdaptationConfig})
 * @param changepoint optional changepoint detection ({@link ChangepointConfig})
 */
public record SensorConfig(MeasurementConfig measurement, double[][] R, GateConfig gate, AdaptationConfig adaptation,
                           ChangepointConfig changepoint) {

    /** A sensor without adaptation or changepoint detection. */
    public SensorConfig(MeasurementConfig measurement, double[][] R, GateConfig gate) {
        this(measurement, R, gate, null, null);
    }

    void validate(String path, Problems problems) {
        if (problems.requirePresent(path + ".measurement", measurement)) {
            measurement.validate(path + ".measurement", problems);
        }
        if (problems.requirePresent(path + ".R", R) && MatrixSettings.requireSquare(path + ".R", R, problems)) {
            // the size a position or an extension's measurement has shows when the sensor is built for a filter
            Integer m = measurement == null ? null : measurement.fixedSize();
            MatrixSettings.requireCovariance(path + ".R", R, m == null ? R.length : m,
                    m == null ? "the matrix" : "a " + measurement.type() + " measurement", problems);
        }
        if (gate != null) {
            gate.validate(path + ".gate", problems);
        }
        if (adaptation != null) {
            adaptation.validate(path + ".adaptation", problems);
            if (adaptation.enabled() && measurement != null) {
                problems.check(path + ".adaptation",
                        () -> NoiseAdaptation.requireLearnable(path, measurement.kind() == MeasurementType.STATE_EVIDENCE));
            }
        }
        if (changepoint != null) {
            changepoint.validate(path + ".changepoint", problems);
            Integer m = measurement == null ? null : measurement.fixedSize();
            if (m == null && R != null) {
                m = R.length;
            }
            if (m != null && changepoint.channel() != null && changepoint.channel() >= m) {
                problems.add(path + ".changepoint.channel", "is " + changepoint.channel() + " but the measurement has "
                        + m + " components (0 to " + (m - 1) + ")");
            }
        }
    }

    /**
     * The measurement model:
     * <ul>
     * <li>{@code position}: the position of every axis;</li>
     * <li>{@code range-bearing} with {@code origin: [x, y]} (axes 1, 2);</li>
     * <li>{@code range-bearing-elevation} with {@code origin: [x, y, z]} (axes 1, 2, 3);</li>
     * <li>{@code linear} with {@code H} (m×n over the filter's state);</li>
     * <li>{@code state-evidence} with {@code components} (state indices), {@code priorCovariance} S
     * and optionally {@code priorMean} μ₀: a learned model's Gaussian N(z, R) over those components,
     * fused by the Discriminative Kalman Filter update;</li>
     * <li>a user's model installed as an extension ({@code io.bayesfuse.kernels.extension}), with its
     * {@code parameters}.</li>
     * </ul>
     */
    public record MeasurementConfig(String type, double[] origin, double[][] H, int[] components,
                                    double[] priorMean, double[][] priorCovariance, Map<String, Object> parameters) {

        public static final Set<String> TYPES = MeasurementType.ids();

        /** A built-in model. */
        public MeasurementConfig(String type, double[] origin, double[][] H, int[] components,
                                 double[] priorMean, double[][] priorCovariance) {
            this(type, origin, H, components, priorMean, priorCovariance, null);
        }

        /** Whether this type is not built in: an installed extension provides it. */
        public boolean isExtension() {
            return type != null && kind() == null;
        }

        /** The built-in type, or null for an extension's (or none). */
        public MeasurementType kind() {
            return MeasurementType.of(type);
        }

        /** The measurement size when the configuration alone fixes it (position depends on the motion model). */
        Integer fixedSize() {
            if (kind() == null) {
                return null;
            }
            return switch (kind()) {
                case RANGE_BEARING -> 2;
                case RANGE_BEARING_ELEVATION -> 3;
                case LINEAR -> H == null ? null : H.length;
                case STATE_EVIDENCE -> components == null ? null : components.length;
                case POSITION -> null;
            };
        }

        void validate(String path, Problems problems) {
            if (!problems.requirePresent(path + ".type", type)) {
                return;
            }
            if (isExtension()) {
                if (ModelExtensions.installed().measurement(type) == null) {
                    problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES)
                            + " or an installed extension's type " + Sorted.of(ModelExtensions.installed().measurementTypes()));
                } else if (origin != null || H != null || components != null || priorMean != null || priorCovariance != null) {
                    problems.add(path, "an extension's measurement model takes its settings in parameters");
                }
                return;
            }
            if (parameters != null) {
                problems.add(path + ".parameters", "is only used by an extension's measurement model");
            }
            MeasurementType kind = kind();
            switch (kind) {
                case RANGE_BEARING -> requireOrigin(path, 2, "[x, y] for a range-bearing sensor", problems);
                case RANGE_BEARING_ELEVATION ->
                        requireOrigin(path, 3, "[x, y, z] for a range-bearing-elevation sensor", problems);
                case LINEAR -> {
                    if (problems.requirePresent(path + ".H", H)) {
                        MatrixSettings.requireRectangular(path + ".H", H, problems);
                    }
                }
                case STATE_EVIDENCE -> {
                    if (problems.requirePresent(path + ".components", components) & problems.requirePresent(
                            path + ".priorCovariance", priorCovariance)
                            && MatrixSettings.requireSquare(path + ".priorCovariance", priorCovariance, problems)
                            && priorCovariance.length != components.length) {
                        problems.add(path + ".priorCovariance", "is " + priorCovariance.length + "x" + priorCovariance.length
                                + " but components lists " + components.length + " states");
                    }
                    if (priorMean != null && components != null && priorMean.length != components.length) {
                        problems.add(path + ".priorMean", "has " + priorMean.length + " components but components lists "
                                + components.length + " states");
                    }
                }
                default -> {
                }
            }
            if (kind != MeasurementType.LINEAR && H != null) {
                problems.add(path + ".H", "is only used by a linear measurement");
            }
            if (kind != MeasurementType.RANGE_BEARING && kind != MeasurementType.RANGE_BEARING_ELEVATION && origin != null) {
                problems.add(path + ".origin", "is only used by range-bearing measurements");
            }
            if (kind != MeasurementType.STATE_EVIDENCE && (components != null || priorMean != null || priorCovariance != null)) {
                problems.add(path, "components, priorMean and priorCovariance are only used by a state-evidence measurement");
            }
        }

        private void requireOrigin(String path, int size, String what, Problems problems) {
            if (origin == null || origin.length != size) {
                problems.add(path + ".origin", "must be " + what);
            }
        }
    }

    /** @param probability the gate's probability mass, in (0, 1) */
    public record GateConfig(Double probability) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".probability", probability)) {
                problems.check(path + ".probability", () -> ChiSquareGate.requireProbability(path, "probability", probability));
            }
        }
    }
}
