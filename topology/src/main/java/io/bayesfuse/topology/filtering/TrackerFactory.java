package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.adaptive.NoiseAdaptation;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.OutOfOrderPolicy;
import io.bayesfuse.kernels.entity.Sensor;
import io.bayesfuse.kernels.entity.SmoothingPolicy;
import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.InformationFilter;
import io.bayesfuse.kernels.filter.InteractingMultipleModel;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.ParticleFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.measurement.LinearMeasurement;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingElevationMeasurement;
import io.bayesfuse.kernels.measurement.RangeBearingMeasurement;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.extension.ModelExtensions;
import io.bayesfuse.kernels.extension.ModelParameters;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.CoordinatedTurnModel;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.LinearMotionModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.motion.ProcessNoise;
import io.bayesfuse.kernels.motion.StateLayout;
import io.bayesfuse.topology.config.AdaptationConfig;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.FilterConfig.ImmConfig;
import io.bayesfuse.topology.config.FilterConfig.UkfConfig;
import io.bayesfuse.topology.config.MotionModelConfig;
import io.bayesfuse.topology.config.Problems;
import io.bayesfuse.topology.config.SensorConfig;
import io.bayesfuse.topology.config.SensorConfig.MeasurementConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the kernels' per-entity {@link EntityTracker} from a validated configuration: the
 * motion models, the sensors (measurement model, R, gate, adaptive noise), the filter, the
 * out-of-order policy and the fixed-lag smoothing. Everything that only shows when the parts meet (a kf with a range-bearing sensor, an R
 * whose size does not match a position sensor on 3 axes, a prior that is not positive definite)
 * is reported here as a {@link ConfigException} naming the setting.
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
            motionModels.add(motionModel(id, config.motionModels().get(id)));
        }
        MotionModel largest = motionModels.get(0);
        for (MotionModel model : motionModels) {
            if (model.stateSize() > largest.stateSize()) {
                largest = model;
            }
        }
        StateLayout layout = largest.layout();
        for (int j = 0; j < motionModels.size(); j++) {
            if (!motionModels.get(j).isLinear() && !runsNonlinearMotion(filter)) {
                problems.add(path + ".type", "is " + filter.type() + ("imm".equals(filter.type()) ? " with kf modes" : "")
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
        problems.throwIfAny();

        Map<String, Sensor> sensors = new LinkedHashMap<>();
        for (Map.Entry<String, SensorConfig> e : new TreeMap<>(config.sensors()).entrySet()) {
            String sensorPath = "sensors." + e.getKey();
            try {
                MeasurementModel model = measurementModel(sensorPath, e.getKey(), e.getValue().measurement(), layout);
                if (!model.isLinear() && ("kf".equals(filter.type())
                        || ("imm".equals(filter.type()) && "kf".equals(filter.imm().modeFilterOrDefault())))) {
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
                        learnsNoise(filter) ? adaptation(e.getValue().adaptation()) : null, layout));
            } catch (InvalidInputException ex) {
                problems.add(sensorPath + "." + settingOf(ex), detailOf(ex));
            }
        }

        Gaussian prior = null;
        try {
            prior = Gaussian.of(path + ".initial", filter.initial().x(), filter.initial().P());
            if (prior.dimension() != layout.size()) {
                problems.add(path + ".initial.x", "has " + prior.dimension() + " components but the state of "
                        + String.join(", ", ids) + " has " + layout.size() + " (" + layout + ")");
            }
        } catch (InvalidInputException ex) {
            problems.add(path + ".initial." + (ex.field().equals("covariance") ? "P" : "x"), detailOf(ex));
        }
        problems.throwIfAny();

        RecursiveFilter kernel = filter(filter, motionModels);
        OutOfOrderPolicy outOfOrder = filter.outOfOrder() == null ? OutOfOrderPolicy.NONE
                : new OutOfOrderPolicy(filter.outOfOrder().historyMillis(),
                filter.outOfOrder().maxMeasurements() == null ? OutOfOrderPolicy.DEFAULT_MAX_MEASUREMENTS
                        : filter.outOfOrder().maxMeasurements());
        long seed = filter.particle() == null ? 0L : filter.particle().seedOrDefault();
        SmoothingPolicy smoothing = filter.smoothingLag() == 0 ? SmoothingPolicy.NONE : SmoothingPolicy.lag(filter.smoothingLag());
        try {
            return new EntityTracker(kernel, prior, sensors, outOfOrder, smoothing, ids, seed);
        } catch (InvalidInputException ex) {
            // an adaptive sensor or the smoothing does not fit this filter (they need a Gaussian filter)
            String setting = ex.subject().startsWith("sensor '")
                    ? "sensors." + ex.subject().substring("sensor '".length(), ex.subject().length() - 1) + "." + ex.field()
                    : path + "." + ex.field();
            throw new ConfigException(setting, detailOf(ex) + " (used by " + path + ")");
        }
    }

    /** Whether a filter can learn a sensor's R online (the variational update drives a kf, ekf or ukf). */
    public static boolean learnsNoise(FilterConfig filter) {
        return "kf".equals(filter.type()) || "ekf".equals(filter.type()) || "ukf".equals(filter.type());
    }

    /** The kernels' noise adaptation of a sensor, or null for a fixed R. */
    static NoiseAdaptation adaptation(AdaptationConfig config) {
        if (config == null || !config.enabled()) {
            return null;
        }
        NoiseAdaptation.Structure structure = "full".equals(config.type())
                ? NoiseAdaptation.Structure.FULL : NoiseAdaptation.Structure.DIAGONAL;
        return new NoiseAdaptation(structure, config.forgettingOrDefault(), config.priorStrengthOrDefault(),
                config.iterationsOrDefault());
    }

    /** The motion model {@code id}; its configuration has been validated. */
    public static MotionModel motionModel(String id, MotionModelConfig config) {
        if (config.isExtension()) {
            return extension("motionModels." + id, () -> ModelExtensions.installed().motion(config.type())
                    .create(new ModelParameters("motion model '" + id + "'", config.parameters())));
        }
        if (!config.isKinematic()) {
            try {
                return new LinearMotionModel("motion model '" + id + "'", config.F(), config.Q(),
                        StateLayout.unstructured(config.F().length));
            } catch (InvalidInputException ex) {
                throw new ConfigException("motionModels." + id + "." + settingOf(ex), detailOf(ex));
            }
        }
        ProcessNoise noise = switch (config.processNoise().type()) {
            case "continuous-white-noise" -> new ContinuousWhiteNoise(config.processNoise().spectralDensity());
            case "discrete-white-noise" -> new DiscreteWhiteNoise(config.processNoise().variance());
            default -> throw new ConfigException("motionModels." + id + ".processNoise.type",
                    "is '" + config.processNoise().type() + "'");
        };
        return switch (config.type()) {
            case "constant-velocity" -> KinematicModel.constantVelocity(config.axes(), noise);
            case "constant-acceleration" -> KinematicModel.constantAcceleration(config.axes(), noise);
            case "random-walk" -> KinematicModel.randomWalk(config.axes(), noise);
            case "coordinated-turn" -> new CoordinatedTurnModel(noise, config.turnRateNoise());
            default -> throw new ConfigException("motionModels." + id + ".type", "is '" + config.type() + "'");
        };
    }

    /**
     * A model made by an installed extension; its complaints name the setting under {@code path}, and
     * anything else it throws is reported as the extension's failure.
     */
    private static <T> T extension(String path, java.util.function.Supplier<T> make) {
        try {
            T model = make.get();
            if (model == null) {
                throw new ConfigException(path + ".type", "the extension made no model");
            }
            return model;
        } catch (InvalidInputException ex) {
            throw new ConfigException(path + "." + ex.field(), detailOf(ex));
        } catch (ConfigException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new ConfigException(path, "the extension failed: " + ex);
        }
    }

    /**
     * Whether a filter type can run a nonlinear motion model (a coordinated turn, most extensions):
     * the ekf and ukf, and an imm whose modes are.
     */
    public static boolean runsNonlinearMotion(FilterConfig filter) {
        return "ekf".equals(filter.type()) || "ukf".equals(filter.type())
                || ("imm".equals(filter.type()) && !"kf".equals(filter.imm().modeFilterOrDefault()));
    }

    /** The measurement model of sensor {@code id} (under {@code path}) for a state of {@code layout}; validated configuration. */
    public static MeasurementModel measurementModel(String path, String id, MeasurementConfig m, StateLayout layout) {
        String subject = "sensor '" + id + "'";
        if (m.isExtension()) {
            return extension(path + ".measurement", () -> ModelExtensions.installed().measurement(m.type())
                    .create(new ModelParameters(subject, m.parameters())));
        }
        return switch (m.type()) {
            case "position" -> {
                if (!layout.isKinematic()) {
                    throw new ConfigException(path + ".measurement.type", "is position but the filter's motion model "
                            + "has no positions (" + layout + "): use a linear measurement with H");
                }
                yield new PositionMeasurement(layout.axes());
            }
            case "range-bearing" -> new RangeBearingMeasurement(m.origin()[0], m.origin()[1]);
            case "range-bearing-elevation" -> new RangeBearingElevationMeasurement(m.origin()[0], m.origin()[1], m.origin()[2]);
            case "linear" -> new LinearMeasurement(subject, m.H(), layout);
            case "state-evidence" -> new StateEvidenceMeasurement(subject, m.components(), m.priorCovariance(), m.priorMean(), layout);
            default -> throw new ConfigException(path + ".measurement.type", "is '" + m.type() + "'");
        };
    }

    /** The kernel filter of a validated filter setting over its motion models. */
    public static RecursiveFilter filter(FilterConfig filter, List<MotionModel> models) {
        UkfConfig ukf = filter.ukf() == null ? new UkfConfig(null, null, null) : filter.ukf();
        return switch (filter.type()) {
            case "kf", "ekf", "ukf" -> gaussian(filter.type(), models.get(0), ukf);
            case "information" -> new InformationFilter(models.get(0));
            case "particle" -> {
                FilterConfig.ParticleConfig p = filter.particle() == null
                        ? new FilterConfig.ParticleConfig(null, null, null) : filter.particle();
                yield new ParticleFilter(models.get(0), p.particlesOrDefault(), p.resampleThresholdOrDefault());
            }
            case "imm" -> {
                ImmConfig imm = filter.imm();
                GaussianFilter[] modes = new GaussianFilter[models.size()];
                for (int j = 0; j < modes.length; j++) {
                    modes[j] = gaussian(imm.modeFilterOrDefault(), models.get(j), ukf);
                }
                double[] probabilities = imm.probabilities();
                if (probabilities == null) {
                    probabilities = new double[modes.length];
                    Arrays.fill(probabilities, 1.0 / modes.length);
                }
                yield new InteractingMultipleModel(modes, imm.transition(), probabilities);
            }
            default -> throw new ConfigException("filter.type", "is '" + filter.type() + "'");
        };
    }

    private static GaussianFilter gaussian(String type, MotionModel model, UkfConfig ukf) {
        return switch (type) {
            case "kf" -> new KalmanFilter(model);
            case "ekf" -> new ExtendedKalmanFilter(model);
            case "ukf" -> new UnscentedKalmanFilter(model, ukf.alphaOrDefault(), ukf.betaOrDefault(), ukf.kappaOrDefault());
            default -> throw new ConfigException("filter.type", "is '" + type + "'");
        };
    }

    /**
     * The configuration setting an {@link InvalidInputException} from a sensor's kernels
     * corresponds to: R stays R, a measurement model's own fields (H, components, priorCovariance,
     * priorMean) live under {@code measurement}.
     */
    public static String settingOf(InvalidInputException ex) {
        if (ex.field().startsWith("adaptation")) {
            return ex.field();
        }
        return switch (ex.field()) {
            case "R", "measurement", "F", "Q" -> ex.field();
            default -> "measurement." + ex.field();
        };
    }

    /** The part of the message after "subject: field ". */
    public static String detailOf(InvalidInputException ex) {
        String prefix = ex.subject() + ": " + ex.field() + " ";
        String message = ex.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
