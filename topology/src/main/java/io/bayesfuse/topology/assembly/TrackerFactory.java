package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.OutOfOrderPolicy;
import io.bayesfuse.kernels.entity.Sensor;
import io.bayesfuse.kernels.entity.SmoothingPolicy;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.topology.config.AdaptationConfig;
import io.bayesfuse.topology.config.AdaptationStructure;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.FilterType;
import io.bayesfuse.topology.config.Problems;
import io.bayesfuse.topology.config.SensorConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the kernels' per-entity {@link EntityTracker} from a validated configuration: the
 * motion models ({@link MotionModelFactory}), the sensors (measurement model from
 * {@link MeasurementModelFactory}, R, gate, adaptive noise), the filter ({@link FilterFactory}), the
 * out-of-order policy and the fixed-lag smoothing. Everything that only shows when the parts meet (a
 * kf with a range-bearing sensor, an R whose size does not match a position sensor on 3 axes, a prior
 * that is not positive definite) is reported here as a {@link ConfigException} naming the setting.
 */
public final class TrackerFactory {

    private TrackerFactory() {
    }

    /** A new tracker for the top-level filter (each stream thread needs its own: trackers are not thread-safe). */
    public static EntityTracker create(BayesfuseConfig config) {
        return create(config, config.requireFilter(), "filter");
    }

    /**
     * A new tracker running {@code filter} (the top-level filter or an entity class's) with the
     * configuration's motion models and sensors; {@code path} names the filter's settings in errors.
     */
    public static EntityTracker create(BayesfuseConfig config, FilterConfig filter, String path) {
        Problems problems = new Problems();
        List<String> ids = filter.motionModelIds();
        List<MotionModel> motionModels = new ArrayList<>();
        for (String id : ids) {
            motionModels.add(MotionModelFactory.motionModel(id, config.motionModels().get(id)));
        }
        MotionModel largest = largest(motionModels);
        StateLayout layout = largest.layout();
        checkMotionModels(filter, path, ids, motionModels, largest, problems);
        FilterFactory.checkSigmaPoints(path, filter, motionModels, problems);
        problems.throwIfAny();

        Map<String, Sensor> sensors = sensors(config, filter, path, motionModels, layout, problems);
        Gaussian prior = prior(filter, path, ids, layout, problems);
        problems.throwIfAny();

        RecursiveFilter kernel = FilterFactory.filter(filter, motionModels);
        long seed = filter.particle() == null ? 0L : filter.particle().seedOrDefault();
        SmoothingPolicy smoothing = filter.smoothingLag() == 0 ? SmoothingPolicy.NONE : SmoothingPolicy.lag(filter.smoothingLag());
        try {
            return new EntityTracker(kernel, prior, sensors, outOfOrder(filter), smoothing, ids, seed);
        } catch (InvalidInputException ex) {
            // an adaptive sensor or the smoothing does not fit this filter (they need a Gaussian filter)
            String setting = ex.subject().startsWith("sensor '")
                    ? "sensors." + ex.subject().substring("sensor '".length(), ex.subject().length() - 1) + "." + ex.field()
                    : path + "." + ex.field();
            throw new ConfigException(setting, SettingErrors.detailOf(ex) + " (used by " + path + ")");
        }
    }

    private static MotionModel largest(List<MotionModel> motionModels) {
        MotionModel largest = motionModels.get(0);
        for (MotionModel model : motionModels) {
            if (model.stateSize() > largest.stateSize()) {
                largest = model;
            }
        }
        return largest;
    }

    /** Every model runs on this filter (nonlinear ones need an ekf or ukf) and nests in the largest one's state. */
    private static void checkMotionModels(FilterConfig filter, String path, List<String> ids, List<MotionModel> motionModels,
                                          MotionModel largest, Problems problems) {
        StateLayout layout = largest.layout();
        for (int j = 0; j < motionModels.size(); j++) {
            if (!motionModels.get(j).isLinear() && !FilterFactory.runsNonlinearMotion(filter)) {
                problems.add(path + ".type", "is " + filter.type() + (filter.filterType() == FilterType.IMM ? " with kf modes" : "")
                        + " but motion model '" + ids.get(j) + "' (" + motionModels.get(j) + ") is nonlinear: use ekf or ukf");
            }
            if (!motionModels.get(j).isLinear() && filter.smoothingLag() > 0) {
                problems.add(path + ".smoothing", "needs a linear motion model, but '" + ids.get(j) + "' is nonlinear");
            }
        }
        for (int j = 0; j < motionModels.size(); j++) {
            for (int index : layout.mapInto(motionModels.get(j).layout())) {
                if (index < 0) {
                    problems.add(path + ".imm.models[" + j + "]", "'" + ids.get(j) + "' (" + motionModels.get(j).layout()
                            + ") holds a quantity that the largest model '" + ids.get(motionModels.indexOf(largest)) + "' ("
                            + layout + ") lacks: every model's state must be part of the largest one's");
                    break;
                }
            }
        }
    }

    /** The configuration's sensors, in id order, for a filter over {@code layout}; what does not fit goes to {@code problems}. */
    private static Map<String, Sensor> sensors(BayesfuseConfig config, FilterConfig filter, String path,
                                               List<MotionModel> motionModels, StateLayout layout, Problems problems) {
        Map<String, Sensor> sensors = new LinkedHashMap<>();
        for (Map.Entry<String, SensorConfig> e : new TreeMap<>(config.sensors()).entrySet()) {
            String sensorPath = "sensors." + e.getKey();
            try {
                MeasurementModel model = MeasurementModelFactory.measurementModel(sensorPath, e.getKey(),
                        e.getValue().measurement(), layout);
                if (!model.isLinear() && filter.linearOnly()) {
                    problems.add(path + ".type", "is a linear Kalman filter but " + sensorPath + " has a nonlinear "
                            + e.getValue().measurement().type() + " measurement: use ekf or ukf");
                    continue;
                }
                for (MotionModel mode : motionModels) {
                    model.requireCompatible("sensor '" + e.getKey() + "'", mode.layout());
                }
                Gate gate = e.getValue().gate() == null ? Gate.NONE : new ChiSquareGate(e.getValue().gate().probability());
                // R is learned where the filter can learn it (kf, ekf, ukf); other filters use the configured R
                sensors.put(e.getKey(), new Sensor(e.getKey(), model, e.getValue().R(), gate,
                        FilterFactory.learnsNoise(filter) ? adaptation(e.getValue().adaptation()) : null, layout));
            } catch (InvalidInputException ex) {
                problems.add(sensorPath + "." + SettingErrors.settingOf(ex), SettingErrors.detailOf(ex));
            }
        }
        return sensors;
    }

    /** The filter's prior, or null with the problem recorded. */
    private static Gaussian prior(FilterConfig filter, String path, List<String> ids, StateLayout layout, Problems problems) {
        try {
            Gaussian prior = Gaussian.of(path + ".initial", filter.initial().x(), filter.initial().P());
            if (prior.dimension() != layout.size()) {
                problems.add(path + ".initial.x", "has " + prior.dimension() + " components but the state of "
                        + String.join(", ", ids) + " has " + layout.size() + " (" + layout + ")");
            }
            return prior;
        } catch (InvalidInputException ex) {
            problems.add(path + ".initial." + (ex.field().equals("covariance") ? "P" : "x"), SettingErrors.detailOf(ex));
            return null;
        }
    }

    private static OutOfOrderPolicy outOfOrder(FilterConfig filter) {
        if (filter.outOfOrder() == null) {
            return OutOfOrderPolicy.NONE;
        }
        Integer max = filter.outOfOrder().maxMeasurements();
        return new OutOfOrderPolicy(filter.outOfOrder().historyMillis(), max == null ? OutOfOrderPolicy.DEFAULT_MAX_MEASUREMENTS : max);
    }

    /** The kernels' noise adaptation of a sensor, or null for a fixed R. */
    static NoiseAdaptation adaptation(AdaptationConfig config) {
        if (config == null || !config.enabled()) {
            return null;
        }
        NoiseAdaptation.Structure structure = config.kind() == AdaptationStructure.FULL
                ? NoiseAdaptation.Structure.FULL : NoiseAdaptation.Structure.DIAGONAL;
        return new NoiseAdaptation(structure, config.forgettingOrDefault(), config.priorStrengthOrDefault(),
                config.iterationsOrDefault());
    }
}
