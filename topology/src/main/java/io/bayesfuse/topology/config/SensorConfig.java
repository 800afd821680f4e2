package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * A sensor: its measurement model, its noise covariance R and an optional gate, e.g.
 * <pre>
 * measurement: {type: range-bearing, origin: [-200.0, -150.0]}
 * R: [[1.0, 0.0], [0.0, 0.0001]]
 * gate: {probability: 0.999}
 * </pre>
 *
 * @param measurement the measurement model
 * @param R           the measurement noise covariance (m×m)
 * @param gate        optional chi-square gate
 */
public record SensorConfig(MeasurementConfig measurement, double[][] R, GateConfig gate) {

    void validate(String path, Problems problems) {
        if (problems.requirePresent(path + ".measurement", measurement)) {
            measurement.validate(path + ".measurement", problems);
        }
        if (problems.requirePresent(path + ".R", R)) {
            MatrixSettings.requireSquare(path + ".R", R, problems);
        }
        if (gate != null) {
            gate.validate(path + ".gate", problems);
        }
    }

    /**
     * @param type   position | range-bearing
     * @param origin the sensor's position, for range-bearing
     */
    public record MeasurementConfig(String type, double[] origin) {

        public static final Set<String> TYPES = Set.of("position", "range-bearing");

        void validate(String path, Problems problems) {
            if (!problems.requirePresent(path + ".type", type)) {
                return;
            }
            if (!TYPES.contains(type)) {
                problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
            } else if (type.equals("range-bearing") && (origin == null || origin.length != 2)) {
                problems.add(path + ".origin", "must be [x, y] for a range-bearing sensor");
            }
        }
    }

    /** @param probability the gate's probability mass, in (0, 1) */
    public record GateConfig(Double probability) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".probability", probability)
                    && !(probability > 0 && probability < 1)) {
                problems.add(path + ".probability", "is " + probability + ", must lie strictly between 0 and 1");
            }
        }
    }
}
