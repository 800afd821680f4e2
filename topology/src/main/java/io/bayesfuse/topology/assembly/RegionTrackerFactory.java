package io.bayesfuse.topology.assembly;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernels' {@link RegionTracker} of a validated {@code tracking} section, for the regions without
 * settings of their own or for one region with overrides. What only shows when the parts meet (a kf
 * with a range-bearing sensor, a sensor whose detections cannot be located, a birth covariance of the
 * wrong size) is reported as a {@link ConfigException} naming the setting. Trackers are not
 * thread-safe: each stream task (and {@code track}) builds its own.
 */
public final class RegionTrackerFactory {

    private RegionTrackerFactory() {
    }

    /**
     * The state layout of the tracking filter's motion models (the largest one's), after checking that
     * the models run on the filter and that tracks have positions.
     *
     * @throws ConfigException when they do not fit
     */
    public static StateLayout layout(BayesfuseConfig config) {
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
        FilterFactory.checkSigmaPoints("tracking", filter, models, problems);
        problems.throwIfAny();
        // a filter built once here checks the models fit together; each tracker gets its own
        FilterFactory.filter(filter, models);
        return layout;
    }

    /**
     * A tracker for the regions without settings of their own ({@code region} null) or for one region
     * with overrides, named {@code regionPath} in errors.
     *
     * @param layout the state layout ({@link #layout})
     */
    public static RegionTracker tracker(BayesfuseConfig config, StateLayout layout, OverrideConfig region, String regionPath) {
        TrackingConfig tracking = config.requireTracking();
        FilterConfig filter = tracking.asFilter();
        List<String> ids = filter.motionModelIds();
        List<MotionModel> models = new ArrayList<>();
        for (String id : ids) {
            models.add(MotionModelFactory.motionModel(id, config.motionModels().get(id)));
        }
        RecursiveFilter kernel = FilterFactory.filter(filter, models);
        Map<String, TrackingSensor> sensors = sensors(config, tracking, filter, models, layout, region);
        TrackingPolicy policy = policy(tracking, filter);
        try {
            return new RegionTracker(kernel, sensors, policy);
        } catch (InvalidInputException ex) {
            throw new ConfigException("tracking." + ex.field(), SettingErrors.detailOf(ex)
                    + (regionPath.equals("tracking") ? "" : " (for " + regionPath + ")"));
        }
    }

    /** The tracking sensors, in id order, for a filter over {@code layout}; every problem of every sensor is reported at once. */
    private static Map<String, TrackingSensor> sensors(BayesfuseConfig config, TrackingConfig tracking, FilterConfig filter,
                                                       List<MotionModel> models, StateLayout layout, OverrideConfig region) {
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
        return sensors;
    }

    private static TrackingPolicy policy(TrackingConfig tracking, FilterConfig filter) {
        TrackingConfig.OutOfOrderConfig late = tracking.outOfOrder();
        return new TrackingPolicy(
                switch (tracking.associationOrDefault()) {
                    case GNN -> TrackingPolicy.Association.GNN;
                    case JPDA -> TrackingPolicy.Association.JPDA;
                },
                tracking.gateProbabilityOrDefault(),
                tracking.jpda() == null || tracking.jpda().maxHypotheses() == null
                        ? JointProbabilisticAssociation.DEFAULT_MAX_HYPOTHESES : tracking.jpda().maxHypotheses(),
                new TrackingPolicy.Initiation(tracking.initiation().m(), tracking.initiation().n()),
                new TrackingPolicy.Deletion(tracking.deletion().misses(),
                        tracking.deletion().maxPositionVariance() == null ? Double.NaN : tracking.deletion().maxPositionVariance()),
                new TrackingPolicy.Birth(filter.initial().x(), filter.initial().P()),
                late == null ? TrackingPolicy.ScanHistory.NONE
                        : new TrackingPolicy.ScanHistory(late.historyMillis(), late.maxScansOrDefault()));
    }

    private static double pick(Double first, Double second, double otherwise) {
        return first != null ? first : second != null ? second : otherwise;
    }
}
