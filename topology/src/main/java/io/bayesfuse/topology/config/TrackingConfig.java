package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.tracking.TrackingPolicy;
import io.bayesfuse.kernels.tracking.TrackingSensor;
import io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation;

import java.util.Map;
import java.util.Set;

/**
 * The tracking stage's settings: multi-target tracking of unlabelled detections, region by region
 * (FORMAT.md "Multi-target tracking scenarios"), e.g.
 * <pre>
 * tracking:
 *   motionModel: cv                    # or, for filter: imm, imm: {models: [cv, ct], transition: ...}
 *   filter: kf                         # kf | ekf | ukf | imm
 *   association: gnn                   # gnn | jpda
 *   detectionProbability: 0.9          # P_D
 *   clutterDensity: 1.0e-6             # false detections per unit volume of measurement space
 *   gate: {probability: 0.999}
 *   initiation: {type: m-of-n, m: 3, n: 4}
 *   deletion: {misses: 3, maxPositionVariance: 10000}
 *   birth: {P: [[25,0,0,0],[0,100,0,0],[0,0,25,0],[0,0,0,100]]}
 *   outOfOrder: {historyMillis: 5000}  # optional: late scans within 5 s re-run the region
 *   sensors: {radar: {clutterDensity: 2.0e-6}}   # optional: the sensors that report detections (default: all)
 *   regions: {harbour: {clutterDensity: 1.0e-5}} # optional: the regions accepted (default: any)
 * </pre>
 *
 * @param motionModel          the motion model id (all filters but imm)
 * @param filter               kf | ekf | ukf | imm (default kf)
 * @param ukf                  sigma-point parameters (ukf, or an imm of ukf modes)
 * @param imm                  IMM settings, as for the filter stage
 * @param association          gnn | jpda (default gnn): how confirmed tracks take detections
 * @param jpda                 JPDA settings
 * @param detectionProbability P_D of every sensor (a sensor or region may override it)
 * @param clutterDensity       λ of every sensor (a sensor or region may override it)
 * @param gate                 the gate (default probability 0.999)
 * @param initiation           M-of-N confirmation
 * @param deletion             when tracks end
 * @param birth                a new track's state
 * @param outOfOrder           late scans (default: none accepted)
 * @param sensors              the sensors whose scans are tracked, with overrides (default: every configured sensor)
 * @param regions              the regions tracked, with overrides (default: any region)
 */
public record TrackingConfig(String motionModel, String filter, FilterConfig.UkfConfig ukf, FilterConfig.ImmConfig imm,
                             String association, JpdaConfig jpda, Double detectionProbability, Double clutterDensity,
                             SensorConfig.GateConfig gate, InitiationConfig initiation, DeletionConfig deletion,
                             BirthConfig birth, OutOfOrderConfig outOfOrder, Map<String, OverrideConfig> sensors,
                             Map<String, OverrideConfig> regions) {

    public static final Set<String> FILTERS = FilterType.ids(FilterType.TRACKING_FILTERS);
    public static final double DEFAULT_GATE_PROBABILITY = 0.999;

    public TrackingConfig {
        sensors = sensors == null ? null : Map.copyOf(sensors);
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public String filterOrDefault() {
        return filter == null ? FilterType.KF.id() : filter;
    }

    /** The association in force (default gnn), or null when {@code association} names none (refused by validation). */
    public AssociationType associationOrDefault() {
        return association == null ? AssociationType.GNN : AssociationType.of(association);
    }

    public double gateProbabilityOrDefault() {
        return gate == null ? DEFAULT_GATE_PROBABILITY : gate.probability();
    }

    /** The filter settings this section describes, in the filter stage's terms (the birth covariance as its prior). */
    public FilterConfig asFilter() {
        double[][] P = birth == null ? null : birth.P();
        double[] x = birth == null || P == null ? null : birth.x() != null ? birth.x() : new double[P.length];
        return new FilterConfig(filterOrDefault(), motionModel, ukf, new FilterConfig.InitialConfig(x, P), null, null, imm);
    }

    /** The sensors whose scans are tracked: the listed ones, else every configured sensor. */
    public Set<String> sensorIds(BayesfuseConfig root) {
        return sensors == null ? root.sensors().keySet() : sensors.keySet();
    }

    void validate(String path, BayesfuseConfig root, Problems problems) {
        String type = filterOrDefault();
        if (!FILTERS.contains(type)) {
            problems.add(path + ".filter", "is '" + type + "', expected one of " + Sorted.of(FILTERS));
        }
        if (FilterType.of(type) == FilterType.IMM) {
            if (motionModel != null) {
                problems.add(path + ".motionModel", "is not used by an imm filter: list the models in imm.models");
            }
            if (problems.requirePresent(path + ".imm", imm)) {
                imm.validate(path + ".imm", root, problems);
            }
        } else {
            if (problems.requirePresent(path + ".motionModel", motionModel) && !root.motionModels().containsKey(motionModel)) {
                problems.add(path + ".motionModel", "is '" + motionModel + "' but motionModels defines "
                        + Sorted.of(root.motionModels().keySet()));
            }
            if (imm != null) {
                problems.add(path + ".imm", "is only used by an imm filter");
            }
        }
        if (ukf != null) {
            ukf.validate(path + ".ukf", problems);
        }
        if (problems.requireOneOf(path + ".association", association, AssociationType.class) == AssociationType.JPDA
                && FilterType.of(type) == FilterType.IMM) {
            problems.add(path + ".association", "is jpda, which needs one Gaussian per track (kf, ekf or ukf), but the filter is imm");
        }
        if (jpda != null) {
            jpda.validate(path + ".jpda", problems);
        }
        if (problems.requirePresent(path + ".detectionProbability", detectionProbability)) {
            requireDetectionProbability(path, detectionProbability, problems);
        }
        if (problems.requirePresent(path + ".clutterDensity", clutterDensity)) {
            requireClutterDensity(path, clutterDensity, problems);
        }
        if (gate != null) {
            gate.validate(path + ".gate", problems);
        }
        if (problems.requirePresent(path + ".initiation", initiation)) {
            initiation.validate(path + ".initiation", problems);
        }
        if (problems.requirePresent(path + ".deletion", deletion)) {
            deletion.validate(path + ".deletion", problems);
        }
        if (problems.requirePresent(path + ".birth", birth)) {
            birth.validate(path + ".birth", problems);
        }
        if (outOfOrder != null) {
            outOfOrder.validate(path + ".outOfOrder", problems);
        }
        if (sensors != null) {
            if (sensors.isEmpty()) {
                problems.add(path + ".sensors", "lists no sensor: omit it to track every configured sensor");
            }
            sensors.forEach((id, o) -> {
                if (!root.sensors().containsKey(id)) {
                    problems.add(path + ".sensors." + id, "is not a configured sensor (sensors defines "
                            + Sorted.of(root.sensors().keySet()) + ")");
                }
                if (o != null) {
                    o.validate(path + ".sensors." + id, problems);
                }
            });
        } else if (root.sensors().isEmpty()) {
            problems.add(path, "needs at least one sensor in sensors");
        }
        regions.forEach((id, o) -> {
            if (id.isBlank()) {
                problems.add(path + ".regions", "has an empty region id");
            }
            if (o != null) {
                o.validate(path + ".regions." + id, problems);
            }
        });
    }

    /** P_D of the section at {@code path}, by the tracking sensor's own check. */
    private static void requireDetectionProbability(String path, double p, Problems problems) {
        problems.check(path + ".detectionProbability", () -> TrackingSensor.requireDetectionProbability(path, p));
    }

    /** λ of the section at {@code path}, by the tracking sensor's own check. */
    private static void requireClutterDensity(String path, double lambda, Problems problems) {
        problems.check(path + ".clutterDensity", () -> TrackingSensor.requireClutterDensity(path, lambda));
    }


    /** @param maxHypotheses the largest cluster (a bound on its joint associations) enumerated exactly (default 100,000) */
    public record JpdaConfig(Integer maxHypotheses) {

        void validate(String path, Problems problems) {
            if (maxHypotheses != null) {
                problems.check(path + ".maxHypotheses", () -> JointProbabilisticAssociation.requireMaxHypotheses(path, maxHypotheses));
            }
        }
    }

    /** @param type m-of-n; a tentative track is confirmed after m hits in its first n scans */
    public record InitiationConfig(String type, Integer m, Integer n) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".type", type)) {
                problems.requireOneOf(path + ".type", type, InitiationType.class);
            }
            if (problems.requirePresent(path + ".m", m) & problems.requirePresent(path + ".n", n)) {
                problems.checkIn(path, () -> TrackingPolicy.Initiation.require(path, m, n));
            }
        }
    }

    /**
     * @param misses              a track missed in this many consecutive scans is deleted
     * @param maxPositionVariance optional: a track whose variance of any position axis exceeds this is deleted
     */
    public record DeletionConfig(Integer misses, Double maxPositionVariance) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".misses", misses)) {
                problems.check(path + ".misses", () -> TrackingPolicy.Deletion.requireMisses(path, misses));
            }
            if (maxPositionVariance != null) {
                problems.check(path + ".maxPositionVariance",
                        () -> TrackingPolicy.Deletion.requireMaxPositionVariance(path, maxPositionVariance));
            }
        }
    }

    /**
     * @param x optional: the birth mean in the tracks' state (default 0); the detection's position replaces its positions
     * @param P the birth covariance
     */
    public record BirthConfig(double[] x, double[][] P) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".P", P) && MatrixSettings.requireSquare(path + ".P", P, problems)
                    && x != null && x.length != P.length) {
                problems.add(path + ".x", "has " + x.length + " components but P is " + P.length + "x" + P.length);
            }
        }
    }

    /**
     * @param historyMillis how far behind a region's newest scan a late one is still applied
     * @param maxScans      the most scans a region retains for re-running (default 100)
     */
    public record OutOfOrderConfig(Long historyMillis, Integer maxScans) {

        public int maxScansOrDefault() {
            return maxScans == null ? 100 : maxScans;
        }

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".historyMillis", historyMillis) && historyMillis < 0) {
                problems.add(path + ".historyMillis", "is " + historyMillis + ", must be >= 0");
            }
            if (maxScans != null && maxScans < 1) {
                problems.add(path + ".maxScans", "is " + maxScans + ", must be at least 1");
            }
        }
    }

    /**
     * A sensor's or a region's own P_D or clutter density (a region's apply to every sensor in it and
     * take precedence over a sensor's).
     */
    public record OverrideConfig(Double detectionProbability, Double clutterDensity) {

        void validate(String path, Problems problems) {
            if (detectionProbability != null) {
                requireDetectionProbability(path, detectionProbability, problems);
            }
            if (clutterDensity != null) {
                requireClutterDensity(path, clutterDensity, problems);
            }
        }
    }
}
