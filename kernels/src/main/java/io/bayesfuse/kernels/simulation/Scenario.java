package io.bayesfuse.kernels.simulation;

import java.util.List;

/**
 * Everything a {@link Simulation} needs; the same scenario always gives the same events.
 *
 * @param entities          the number of targets, named {@link #entityId(int)}
 * @param sensors           the sensors; each reads every target at its own rate
 * @param delays            how readings arrive late and out of order
 * @param faultProbability  the chance that a reading is broken (NaN) or comes from a sensor nobody
 *                          configured (half each)
 * @param arenaRadius       the radius (m) of the disc the targets stay in
 * @param truthPeriodMillis how often the true states are published
 * @param problems          the shared models learners estimate
 * @param durationMillis    readings are taken up to this time (ms since start); Long.MAX_VALUE for no end
 * @param seed              the seed of every random stream
 */
public record Scenario(int entities, List<SensorSpec> sensors, ArrivalDelays delays, double faultProbability,
                       double arenaRadius, long truthPeriodMillis, List<RegressionProblem> problems,
                       long durationMillis, long seed) {

    public static final String GPS = "gps";
    public static final String DGPS = "dgps";
    public static final String RADAR = "radar";
    public static final String VELOCITY_NET = "velocity-net";
    /** The id readings carry when they come from a sensor that is not configured. */
    public static final String UNREGISTERED_SENSOR = "unregistered-beacon";

    public Scenario {
        if (entities < 0) {
            throw new IllegalArgumentException("entities must be >= 0, got " + entities);
        }
        sensors = List.copyOf(sensors);
        problems = List.copyOf(problems);
        if (!(faultProbability >= 0 && faultProbability < 1)) {
            throw new IllegalArgumentException("fault probability must be in [0, 1), got " + faultProbability);
        }
        if (truthPeriodMillis <= 0 || durationMillis <= 0) {
            throw new IllegalArgumentException("truth period and duration must be > 0 ms");
        }
    }

    /**
     * The standard scenario of the demo and {@code simulate}: targets in a disc of 1.2 km, seen by a
     * GPS (σ 6 m, 1 Hz; degraded 30 s of every 120 s from 40 s on: a bias of (12, −12) m), a
     * differential GPS (σ 2.5 m, every 2 s), a range-bearing radar south-west of the arena (σ 15 m, 5 mrad, 2 Hz, down 15 s of every 60 s), and a learned velocity feed
     * (every 1.5 s); 2% clutter on the GPS and radar, 6% late and 0.7% too-late readings, 0.3%
     * broken ones; two shared linear models of 3 weights, each learned by 4 learners.
     */
    public static Scenario standard(int entities, long seed) {
        double[][] gpsR = {{36, 0}, {0, 36}};
        double[][] dgpsR = {{6.25, 0}, {0, 6.25}};
        double[][] radarR = {{225, 0}, {0, 2.5e-5}};
        double[][] velocityR = {{2.25, 0}, {0, 2.25}};
        double[][] velocityPrior = {{225, 0}, {0, 225}};
        List<SensorSpec> sensors = List.of(
                new SensorSpec(GPS, SensorKind.POSITION, 1000, gpsR, null, null, 0.02, Outage.NONE,
                        new Degradation(40_000, 30_000, 120_000, new double[]{12, -12})),
                new SensorSpec(DGPS, SensorKind.POSITION, 2000, dgpsR, null, null, 0.0, Outage.NONE),
                new SensorSpec(RADAR, SensorKind.RANGE_BEARING, 500, radarR, new double[]{-1600, -1600}, null, 0.02,
                        new Outage(25_000, 15_000, 60_000)),
                new SensorSpec(VELOCITY_NET, SensorKind.STATE_EVIDENCE, 1500, velocityR, null, velocityPrior, 0.0,
                        Outage.NONE));
        ArrivalDelays delays = new ArrivalDelays(40, 0.06, 300, 1500, 0.007, 2600, 4000);
        List<RegressionProblem> problems = List.of(
                new RegressionProblem("demand-model", new double[]{1.5, -2.0, 0.7}, 1.0, 0.25, 4, 8, 2000, 0.05),
                new RegressionProblem("wear-model", new double[]{0.4, 1.1, -0.8}, 0.5, 0.25, 4, 5, 3000, 0.05));
        return new Scenario(entities, sensors, delays, 0.003, 1200, 250, problems, Long.MAX_VALUE, seed);
    }

    /** The id of target {@code i} (0-based): target-01, target-02, ... */
    public String entityId(int i) {
        int width = Math.max(2, Integer.toString(entities).length());
        return "target-" + String.format("%0" + width + "d", i + 1);
    }

    /** Readings per second over all targets and sensors (outages, faults and clutter included). */
    public double readingRate() {
        return entities * sensors.stream().mapToDouble(SensorSpec::rate).sum();
    }

    /** The same scenario with every sensor sped up or slowed down so that {@link #readingRate()} is {@code rate}. */
    public Scenario withReadingRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be > 0 readings per second, got " + rate);
        }
        if (entities == 0) {
            return this;
        }
        double factor = rate / readingRate();
        return new Scenario(entities, sensors.stream().map(s -> s.faster(factor)).toList(), delays, faultProbability,
                arenaRadius, truthPeriodMillis, problems, durationMillis, seed);
    }

    public Scenario withDuration(long millis) {
        return new Scenario(entities, sensors, delays, faultProbability, arenaRadius, truthPeriodMillis, problems,
                millis, seed);
    }

    public Scenario withDelays(ArrivalDelays newDelays) {
        return new Scenario(entities, sensors, newDelays, faultProbability, arenaRadius, truthPeriodMillis, problems,
                durationMillis, seed);
    }

    public Scenario withProblems(List<RegressionProblem> newProblems) {
        return new Scenario(entities, sensors, delays, faultProbability, arenaRadius, truthPeriodMillis, newProblems,
                durationMillis, seed);
    }

    public Scenario withFaultProbability(double probability) {
        return new Scenario(entities, sensors, delays, probability, arenaRadius, truthPeriodMillis, problems,
                durationMillis, seed);
    }
}
