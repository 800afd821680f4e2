package io.bayesfuse.topology.tracking;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.ReversibleMeasurement;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.TrackingPolicy;
import io.bayesfuse.kernels.tracking.TrackingSensor;
import io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.Problems;
import io.bayesfuse.topology.config.SensorConfig;
import io.bayesfuse.topology.config.TrackingConfig;
import io.bayesfuse.topology.config.TrackingConfig.OverrideConfig;
import io.bayesfuse.topology.assembly.FilterFactory;
import io.bayesfuse.topology.assembly.MeasurementModelFactory;
import io.bayesfuse.topology.assembly.MotionModelFactory;
import io.bayesfuse.topology.assembly.SettingErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernels' {@link RegionTracker}s a configuration's {@code tracking} section describes: one for
 * the regions without settings of their own and one per region with overrides. What only shows when
 * the parts meet (a kf with a range-bearing sensor, a sensor whose detections cannot be located, a
 * birth covariance of the wrong size) is reported as a {@link ConfigException} naming the setting.
 * Trackers are not thread-safe: each stream task (and {@code track}) builds its own.
 */
public final class RegionTrackers {

    private final RegionTracker defaults;
    private final Map<String, RegionTracker> byRegion;
    private final boolean listed;
    private final String filterType;
    private final String motionModels;
    private final String signature;

    private RegionTrackers(RegionTracker defaults, Map<String, RegionTracker> byRegion, boolean listed, String filterType,
                           String motionModels, String signature) {
        this.defaults = defaults;
        this.byRegion = byRegion;
        this.listed = listed;
        this.filterType = filterType;
        this.motionModels = motionModels;
        this.signature = signature;
    }

    /** Checks a validated configuration's tracking section by building it (ConfigException when it does not fit). */
    public static void compile(BayesfuseConfig config) {
        create(config);
    }

    public static RegionTrackers create(BayesfuseConfig config) {
        TrackingConfig tracking = config.requireTracking();
        FilterConfig filter = tracking.asFilter();
        Problems problems = new Problems();
        List<String> ids = filter.motionModelIds();
        List<MotionModel> models = new ArrayList<>();
        MotionModel largest = null;
        for (String id : ids) {
            MotionModel model = MotionModelFactory.motionModel(id, config.motionModels().get(id));
            models.add(model);
            if (largest == null || model.stateSize() > largest.stateSize()) {
                largest = model;
            }
            if (!model.isLinear() && !FilterFactory.runsNonlinearMotion(filter)) {
                problems.add("tracking.filter", "is " + filter.type() + " but motion model '" + id + "' (" + model
                        + ") is nonlinear: use ekf or ukf");
            }
        }
        StateLayout layout = largest.layout();
        if (!layout.isKinematic()) {
            problems.add("tracking.motionModel", "tracks need positions, but the state of " + String.join(", ", ids)
                    + " has " + layout);
        }
        problems.throwIfAny();
        // a filter built once here checks the models fit together; each tracker gets its own
        FilterFactory.filter(filter, models);

        RegionTracker defaults = tracker(config, tracking, filter, ids, layout, null, "tracking");
        Map<String, RegionTracker> byRegion = new TreeMap<>();
        tracking.regions().forEach((region, override) -> byRegion.put(region,
                tracker(config, tracking, filter, ids, layout, override, "tracking.regions." + region)));
        String motionModels = String.join("+", ids);
        String signature = filter.type() + " " + motionModels + " " + layout.size();
        return new RegionTrackers(defaults, byRegion, !tracking.regions().isEmpty(), filter.type(), motionModels, signature);
    }

    private static RegionTracker tracker(BayesfuseConfig config, TrackingConfig tracking, FilterConfig filter, List<String> ids,
                                         StateLayout layout, OverrideConfig region, String regionPath) {
        List<MotionModel> models = new ArrayList<>();
        for (String id : ids) {
            models.add(MotionModelFactory.motionModel(id, config.motionModels().get(id)));
        }
        RecursiveFilter kernel = FilterFactory.filter(filter, models);
        Problems problems = new Problems();
        Map<String, TrackingSensor> sensors = new TreeMap<>();
        for (String id : new TreeMap<>(config.sensors()).keySet()) {
            if (!tracking.sensorIds(config).contains(id)) {
                continue;
            }
            SensorConfig sensor = config.sensors().get(id);
            String path = "sensors." + id;
            try {
                MeasurementModel model = MeasurementModelFactory.measurementModel(path, id, sensor.measurement(), layout);
                if (!(model instanceof ReversibleMeasurement reversible)) {
                    problems.add(path + ".measurement.type", "is " + sensor.measurement().type() + ", which does not locate a "
                            + "detection, so a track cannot start there (tracking needs position, range-bearing, "
                            + "range-bearing-elevation or an extension implementing ReversibleMeasurement)");
                    continue;
                }
                if (!model.isLinear() && filter.linearOnly()) {
                    problems.add("tracking.filter", "is a linear Kalman filter but " + path + " has a nonlinear "
                            + sensor.measurement().type() + " measurement: use ekf or ukf");
                    continue;
                }
                for (MotionModel mode : models) {
                    model.requireCompatible("sensor '" + id + "'", mode.layout());
                }
                OverrideConfig own = tracking.sensors() == null ? null : tracking.sensors().get(id);
                double pd = pick(region == null ? null : region.detectionProbability(),
                        own == null ? null : own.detectionProbability(), tracking.detectionProbability());
                double clutter = pick(region == null ? null : region.clutterDensity(),
                        own == null ? null : own.clutterDensity(), tracking.clutterDensity());
                sensors.put(id, new TrackingSensor(id, reversible, sensor.R(), pd, clutter, layout));
            } catch (InvalidInputException ex) {
                problems.add(path + "." + SettingErrors.settingOf(ex), SettingErrors.detailOf(ex));
            }
        }
        problems.throwIfAny();
        TrackingConfig.OutOfOrderConfig late = tracking.outOfOrder();
        TrackingPolicy policy = new TrackingPolicy(
                "jpda".equals(tracking.associationOrDefault()) ? TrackingPolicy.Association.JPDA : TrackingPolicy.Association.GNN,
                tracking.gateProbabilityOrDefault(),
                tracking.jpda() == null || tracking.jpda().maxHypotheses() == null
                        ? JointProbabilisticAssociation.DEFAULT_MAX_HYPOTHESES : tracking.jpda().maxHypotheses(),
                new TrackingPolicy.Initiation(tracking.initiation().m(), tracking.initiation().n()),
                new TrackingPolicy.Deletion(tracking.deletion().misses(),
                        tracking.deletion().maxPositionVariance() == null ? Double.NaN : tracking.deletion().maxPositionVariance()),
                new TrackingPolicy.Birth(filter.initial().x(), filter.initial().P()),
                late == null ? TrackingPolicy.ScanHistory.NONE
                        : new TrackingPolicy.ScanHistory(late.historyMillis(), late.maxScansOrDefault()));
        try {
            return new RegionTracker(kernel, sensors, policy);
        } catch (InvalidInputException ex) {
            throw new ConfigException("tracking." + ex.field(), SettingErrors.detailOf(ex)
                    + (regionPath.equals("tracking") ? "" : " (for " + regionPath + ")"));
        }
    }

    private static double pick(Double first, Double second, double otherwise) {
        return first != null ? first : second != null ? second : otherwise;
    }

    /** The tracker of {@code region}, or null when the configuration lists its regions and this is not one. */
    public RegionTracker forRegion(String region) {
        RegionTracker own = byRegion.get(region);
        if (own != null) {
            return own;
        }
        return listed ? null : defaults;
    }

    /** The regions the configuration lists (empty: any region is tracked). */
    public java.util.Set<String> listedRegions() {
        return byRegion.keySet();
    }

    /** kf, ekf, ukf or imm. */
    public String filterType() {
        return filterType;
    }

    /** The motion model ids, joined by '+'. */
    public String motionModels() {
        return motionModels;
    }

    /** What built the trackers' states: a stored region with another signature starts again. */
    public String signature() {
        return signature;
    }
}
