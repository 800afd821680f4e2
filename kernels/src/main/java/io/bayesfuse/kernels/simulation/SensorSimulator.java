package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * Turns a target's true state into a reading of one {@link SensorSpec}:
 * <ul>
 * <li>POSITION: z = [x, y] + e, e ~ N(0, R);</li>
 * <li>RANGE_BEARING: z = [√(dx² + dy²), atan2(dy, dx)] + e from the sensor's origin;</li>
 * <li>STATE_EVIDENCE: a learned model that observes the velocity as o = v + e, e ~ N(0, R), and
 * outputs its posterior under the stationary prior N(0, S): Q = (S⁻¹ + R⁻¹)⁻¹, f = Q·R⁻¹·o.
 * The reading is z = f with its own covariance Q, exactly what the discriminative Kalman
 * filter's update (which divides S out again) expects.</li>
 * </ul>
 * A clutter reading replaces the measurement by an outlier 150 to 450 m (radar: in range) away
 * from the target.
 */
public final class SensorSimulator {

    private final SensorSpec spec;
    private final GaussianNoise noise;

    public SensorSimulator(SensorSpec spec) {
        this.spec = spec;
        this.noise = new GaussianNoise("sensor '" + spec.id() + "'", spec.R());
    }

    public SensorSpec spec() {
        return spec;
    }

    /** A reading of {@code truth} for entity {@code entityId}. */
    public SensorReading observe(String entityId, TargetState truth, SplitMix64 random) {
        boolean clutter = spec.clutterProbability() > 0 && random.nextDouble() < spec.clutterProbability();
        double[] e = noise.sample(random);
        boolean degraded = !clutter && spec.degradation().isActive(truth.time());
        ReadingKind kind = clutter ? ReadingKind.CLUTTER : degraded ? ReadingKind.DEGRADED : ReadingKind.TRUE;
        return switch (spec.kind()) {
            case POSITION -> {
                double[] z = {truth.x() + e[0], truth.y() + e[1]};
                if (degraded) {
                    double[] bias = spec.degradation().bias();
                    z[0] += bias[0];
                    z[1] += bias[1];
                }
                if (clutter) {
                    double distance = 150 + 300 * random.nextDouble();
                    double angle = 2 * Math.PI * random.nextDouble();
                    z[0] += distance * Math.cos(angle);
                    z[1] += distance * Math.sin(angle);
                }
                yield new SensorReading(entityId, spec.id(), truth.time(), z, null, kind);
            }
            case RANGE_BEARING -> {
                double dx = truth.x() - spec.origin()[0];
                double dy = truth.y() - spec.origin()[1];
                double range = Math.hypot(dx, dy) + e[0];
                if (clutter) {
                    range += (random.nextDouble() < 0.5 ? -1 : 1) * (150 + 300 * random.nextDouble());
                }
                double bearing = Math.atan2(dy, dx) + e[1];
                bearing = Math.atan2(Math.sin(bearing), Math.cos(bearing));
                yield new SensorReading(entityId, spec.id(), truth.time(), new double[]{Math.abs(range), bearing}, null, kind);
            }
            case STATE_EVIDENCE -> {
                double[] o = {truth.vx() + e[0], truth.vy() + e[1]};
                if (clutter) {
                    o[0] += (random.nextDouble() < 0.5 ? -1 : 1) * (15 + 15 * random.nextDouble());
                    o[1] += (random.nextDouble() < 0.5 ? -1 : 1) * (15 + 15 * random.nextDouble());
                }
                double[][] Rinv = inverse(spec.R());
                double[][] Sinv = inverse(spec.evidencePrior());
                double[][] Q = inverse(new double[][]{
                        {Sinv[0][0] + Rinv[0][0], Sinv[0][1] + Rinv[0][1]},
                        {Sinv[1][0] + Rinv[1][0], Sinv[1][1] + Rinv[1][1]}});
                double[] Rinvo = {Rinv[0][0] * o[0] + Rinv[0][1] * o[1], Rinv[1][0] * o[0] + Rinv[1][1] * o[1]};
                double[] f = {Q[0][0] * Rinvo[0] + Q[0][1] * Rinvo[1], Q[1][0] * Rinvo[0] + Q[1][1] * Rinvo[1]};
                yield new SensorReading(entityId, spec.id(), truth.time(), f, Q, kind);
            }
        };
    }

    /** The inverse of a symmetric positive definite 2×2 matrix. */
    static double[][] inverse(double[][] A) {
        double det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
        if (!(det > 0)) {
            throw new IllegalArgumentException("matrix " + java.util.Arrays.deepToString(A) + " is not positive definite");
        }
        double off = -0.5 * (A[0][1] + A[1][0]) / det;
        return new double[][]{{A[1][1] / det, off}, {off, A[0][0] / det}};
    }
}
