package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.adaptive.AdaptiveUpdate;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.InformationFilter;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.filter.UpdateResult.Outcome;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.random.SplitMix64;
import io.bayesfuse.kernels.smoothing.FixedLagSmoother;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-entity filtering logic that both {@code replay} and the stream processor run
 * (FORMAT.md "Timing and entities", "Gating", "Out-of-order arrival"): given an entity's stored
 * {@link EntityState} (or none) and one measurement, it returns the new state and the estimate.
 * <ol>
 * <li>A new entity starts from the prior at its first measurement's time (so that measurement
 * has dt = 0).</li>
 * <li>An in-order measurement predicts the state to its time (dt from the epoch-millisecond
 * timestamps), is gated and applied: {@link EntityStatus#UPDATED} or {@link EntityStatus#REJECTED}
 * (the state is then the prediction).</li>
 * <li>A late one within the out-of-order window is inserted into the history in time order and
 * the entity re-filtered from the base state: {@link EntityStatus#REVISED}, carrying the newest
 * state. One older than the entity's first measurement re-initialises it from the prior at that
 * earlier time. One older than the window is refused: {@link EntityStatus#TOO_LATE}.</li>
 * <li>A diverged state (non-finite, not positive definite) resets the entity to the prior at the
 * measurement's time, which is then applied: {@link EntityStatus#RESET}.</li>
 * </ol>
 * The NIS reported with a {@link EntityStatus#REVISED} result is the late measurement's own, as
 * computed while re-filtering; a reset during re-filtering keeps the status REVISED.
 *
 * <p>Two options ride on the same logic:
 * <ul>
 * <li><b>Adaptive noise</b> ({@link Sensor#adaptation()}): a sensor's R is learned per entity × sensor
 * by the {@link VariationalNoiseUpdate}; the posterior lives in the entity's state ({@link
 * EntityState#noise()}), at the base too, so re-filtering re-learns it exactly. It is kept per entity
 * rather than per sensor because an entity's measurements are all on one partition and processed in
 * order there, while a sensor's are spread over every partition: a per-sensor posterior would need a
 * repartition and would make an entity's numbers depend on other entities' arrival order. A
 * measurement with its own R uses that R and leaves the posterior alone. A reset restarts the
 * learned noise from the priors along with the state.</li>
 * <li><b>Fixed-lag smoothing</b> ({@link SmoothingPolicy}): the state keeps the last L + 1 filtered
 * estimates ({@link EntityState#smoother()}) and every result carries the RTS-smoothed estimate L
 * measurements back. A separate window rather than the out-of-order history: the history holds
 * measurements, bounded by time, and re-filtering it on every record would cost O(history); the window
 * holds exactly the L + 1 moments the backward pass needs. A late measurement rebuilds the window's
 * entries from its insertion point while re-filtering; a reset empties it.</li>
 * </ul>
 * Measurements leaving the window are folded into the base by re-running them from it, so the
 * stored state holds two filter states and the window's measurements, and processing the same
 * input always gives the same numbers. One tracker reuses one filter for every entity: not
 * thread-safe, one per stream thread.
 */
public final class EntityTracker {

    private final RecursiveFilter filter;
    private final DMatrixRMaj x0;
    private final DMatrixRMaj P0;
    private final Map<String, Sensor> sensors;
    private final OutOfOrderPolicy outOfOrder;
    private final List<String> modelIds;
    private final long seed;
    private final SmoothingPolicy smoothing;
    private final FixedLagSmoother smoother;
    private final Map<String, VariationalNoiseUpdate> adaptive = new TreeMap<>();
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Roverride = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj whitened = new DMatrixRMaj(1, 1);

    /**
     * @param filter     the filter to run (its layout must match the prior)
     * @param prior      {@code filter.initial}
     * @param sensors    sensors by id
     * @param outOfOrder the history policy ({@link OutOfOrderPolicy#NONE} for none)
     * @param modelIds   the motion model ids the filter uses, recorded in every state
     * @param seed       base seed for randomised filters; each entity's seed derives from it and its id
     */
    public EntityTracker(RecursiveFilter filter, Gaussian prior, Map<String, Sensor> sensors,
                         OutOfOrderPolicy outOfOrder, List<String> modelIds, long seed) {
        this(filter, prior, sensors, outOfOrder, SmoothingPolicy.NONE, modelIds, seed);
    }

    /**
     * @param smoothing the fixed-lag smoothing ({@link SmoothingPolicy#NONE} for none); needs a
     *                  Gaussian filter (kf, ekf, ukf or information)
     * @throws InvalidInputException when an adaptive sensor or the smoothing does not fit the filter
     */
    public EntityTracker(RecursiveFilter filter, Gaussian prior, Map<String, Sensor> sensors,
                         OutOfOrderPolicy outOfOrder, SmoothingPolicy smoothing, List<String> modelIds, long seed) {
        if (prior.dimension() != filter.layout().size()) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, "filter", "initial.x",
                    "has " + prior.dimension() + " components but the filter's state has " + filter.layout().size());
        }
        this.filter = filter;
        this.x0 = prior.meanVector();
        this.P0 = prior.covarianceMatrix();
        Matrices.symmetrise(P0);   // within tolerance already; exactly, so stored covariances stay symmetric
        this.sensors = Map.copyOf(sensors);
        this.outOfOrder = outOfOrder;
        this.modelIds = List.copyOf(modelIds);
        this.seed = seed;
        for (Sensor sensor : new TreeMap<>(sensors).values()) {
            if (sensor.adaptation() != null) {
                if (!(filter instanceof GaussianFilter)) {
                    throw new InvalidInputException(Problem.INCONSISTENT, "sensor '" + sensor.id() + "'", "adaptation",
                            "needs a kf, ekf or ukf filter to learn R, but the filter is a " + filter);
                }
                adaptive.put(sensor.id(), new VariationalNoiseUpdate(sensor.adaptation()));
            }
        }
        this.smoothing = smoothing;
        if (smoothing.enabled()) {
            MotionModel motion = filter instanceof GaussianFilter g ? g.motionModel()
                    : filter instanceof InformationFilter i ? i.motionModel() : null;
            if (motion == null) {
                throw new InvalidInputException(Problem.INCONSISTENT, "filter", "smoothing",
                        "needs a Gaussian filter (kf, ekf, ukf or information) with one linear motion model, but the filter is a " + filter);
            }
            this.smoother = new FixedLagSmoother(motion, smoothing.lag());
        } else {
            this.smoother = null;
        }
    }

    public RecursiveFilter filter() {
        return filter;
    }

    /**
     * Processes one measurement of entity {@code entityId}.
     *
     * @param state the entity's stored state, or null for a new entity
     * @throws InvalidInputException when the measurement is invalid (unknown sensor, wrong
     *                               dimension, NaN/Inf, an R override that is not SPD); the state is then unchanged
     */
    public TrackingResult process(String entityId, EntityState state, Measurement measurement) {
        Sensor sensor = sensor(measurement);
        sensor.load(measurement, z, Roverride);   // validates before any state changes
        String resetReason = null;
        if (state != null && !state.modelIds().equals(modelIds)) {
            resetReason = "the stored state was built with motion models " + state.modelIds()
                    + ", the configuration now uses " + modelIds;
            state = null;
        }
        if (state == null) {
            return inOrder(entityId, start(entityId, measurement.timestamp()), measurement, resetReason);
        }
        if (measurement.timestamp() >= state.time()) {
            return inOrder(entityId, state, measurement, null);
        }
        return late(entityId, state, measurement);
    }

    /**
     * The entity's estimate predicted to {@code time} (no earlier than the state's own time),
     * without changing the stored state: what a prediction tick publishes.
     *
     * @return status PREDICTED with x and P at {@code time}, NaN NIS and log-likelihood
     */
    public TrackingResult predict(String entityId, EntityState state, long time) {
        if (!state.modelIds().equals(modelIds)) {
            throw new IllegalStateException("entity '" + entityId + "' was built with motion models " + state.modelIds()
                    + " but this tracker uses " + modelIds);
        }
        filter.restore(state.current());
        filter.predict(Math.max(0, time - state.time()) / 1000.0);
        return new TrackingResult(EntityStatus.PREDICTED, state, Matrices.toArray(filter.mean()),
                Matrices.toRows(filter.covariance()), Double.NaN, Double.NaN, null);
    }

    public SmoothingPolicy smoothing() {
        return smoothing;
    }

    /** The motion model ids of the states this tracker produces. */
    public List<String> modelIds() {
        return modelIds;
    }

    private Sensor sensor(Measurement m) {
        Sensor sensor = sensors.get(m.sensorId());
        if (sensor == null) {
            throw new InvalidInputException(Problem.UNKNOWN_REFERENCE, "measurement", "sensorId",
                    "'" + m.sensorId() + "' is not a configured sensor (configured: " + new TreeSet<>(sensors.keySet()) + ")");
        }
        return sensor;
    }

    /** A new entity: the prior at {@code time}, with an empty history. */
    private EntityState start(String entityId, long time) {
        filter.initialise(x0, P0, SplitMix64.seedFor(seed, entityId));
        FilterState prior = filter.save();
        return outOfOrder.enabled()
                ? new EntityState(modelIds, time, prior, time, prior, true, List.of())
                : new EntityState(modelIds, time, prior, time, null, true, List.of());
    }

    private TrackingResult inOrder(String entityId, EntityState state, Measurement m, String resetReason) {
        filter.restore(state.current());
        Map<String, NoisePosterior> noise = new HashMap<>(state.noise());
        Step step = step(entityId, state.time(), m, noise);
        EntityStatus status = resetReason != null ? EntityStatus.RESET : step.status;
        String detail = resetReason != null ? resetReason : step.detail;
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        SmootherWindow window = null;
        SmoothedEstimate smoothed = null;
        if (smoother != null) {
            window = smoother.append(step.status == EntityStatus.RESET ? SmootherWindow.EMPTY : state.smoother(),
                    m.timestamp(), filter.mean(), filter.covariance());
            smoothed = smoother.smooth(window);
        }
        FilterState current = filter.save();
        noise.keySet().retainAll(adaptive.keySet());
        if (!outOfOrder.enabled()) {
            return new TrackingResult(status, new EntityState(modelIds, m.timestamp(), current,
                    m.timestamp(), null, state.baseIsPrior(), List.of(), noise, null, window),
                    x, P, step.nis, step.logLikelihood, detail, step.normalisedInnovation, smoothed);
        }
        List<Measurement> history = new ArrayList<>(state.history());
        history.add(m);
        EntityState next = trim(entityId, new EntityState(modelIds, m.timestamp(), current,
                state.baseTime(), state.base(), state.baseIsPrior(), history, noise, state.baseNoise(), window));
        return new TrackingResult(status, next, x, P, step.nis, step.logLikelihood, detail, step.normalisedInnovation, smoothed);
    }

    private TrackingResult late(String entityId, EntityState state, Measurement m) {
        if (!outOfOrder.enabled()) {
            return tooLate(state, "measurement at " + m.timestamp() + " is older than the entity's newest ("
                    + state.time() + ") and out-of-order handling is off");
        }
        if (m.timestamp() < state.windowStart(outOfOrder.historyMillis())) {
            return tooLate(state, "measurement at " + m.timestamp() + " is more than " + outOfOrder.historyMillis()
                    + " ms older than the entity's newest (" + state.time() + ")");
        }
        long baseTime = state.baseTime();
        FilterState base = state.base();
        boolean baseIsPrior = state.baseIsPrior();
        Map<String, NoisePosterior> baseNoise = state.baseNoise();
        // the smoother window's entries older than the history stay; those of the history are rebuilt below
        SmootherWindow window = smoother == null ? null : state.smoother().dropNewest(state.history().size());
        if (m.timestamp() < baseTime) {
            if (!baseIsPrior) {
                return tooLate(state, "measurement at " + m.timestamp() + " is older than the retained history (from "
                        + baseTime + ", at most " + outOfOrder.maxMeasurements() + " measurements)");
            }
            // older than the entity's first measurement: the prior moves to this earlier time
            filter.initialise(x0, P0, SplitMix64.seedFor(seed, entityId));
            base = filter.save();
            baseTime = m.timestamp();
            baseNoise = Map.of();
            window = smoother == null ? null : SmootherWindow.EMPTY;
        }
        List<Measurement> history = new ArrayList<>(state.history().size() + 1);
        int insertAt = 0;
        for (Measurement h : state.history()) {
            if (h.timestamp() <= m.timestamp()) {
                insertAt++;
            }
            history.add(h);
        }
        history.add(insertAt, m);

        filter.restore(base);
        long time = baseTime;
        double nis = Double.NaN;
        double logLikelihood = Double.NaN;
        double[] normalisedInnovation = null;
        Map<String, NoisePosterior> noise = new HashMap<>(baseNoise);
        // only the newest L + 1 re-filtered estimates can remain in the window
        int firstWindowed = smoother == null ? history.size() : history.size() - (smoother.lag() + 1);
        if (firstWindowed > 0) {
            window = SmootherWindow.EMPTY;
        }
        for (int i = 0; i < history.size(); i++) {
            Measurement h = history.get(i);
            Step step = step(entityId, time, h, noise);
            time = h.timestamp();
            if (i == insertAt) {
                nis = step.nis;
                logLikelihood = step.logLikelihood;
                normalisedInnovation = step.normalisedInnovation;
            }
            if (smoother != null) {
                if (step.status == EntityStatus.RESET) {
                    window = SmootherWindow.EMPTY;
                }
                if (i >= firstWindowed) {
                    window = smoother.append(window, h.timestamp(), filter.mean(), filter.covariance());
                }
            }
        }
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        SmoothedEstimate smoothed = smoother == null ? null : smoother.smooth(window);
        noise.keySet().retainAll(adaptive.keySet());
        EntityState next = trim(entityId, new EntityState(modelIds, state.time(), filter.save(),
                baseTime, base, baseIsPrior, history, noise, baseNoise, window));
        return new TrackingResult(EntityStatus.REVISED, next, x, P, nis, logLikelihood, null, normalisedInnovation, smoothed);
    }

    private TrackingResult tooLate(EntityState state, String why) {
        filter.restore(state.current());
        return new TrackingResult(EntityStatus.TOO_LATE, state, Matrices.toArray(filter.mean()),
                Matrices.toRows(filter.covariance()), Double.NaN, Double.NaN, why);
    }

    /**
     * Folds the measurements that left the window (or exceed the cap) into the base by running
     * them from it. Leaves the filter holding the new base.
     */
    private EntityState trim(String entityId, EntityState state) {
        List<Measurement> history = state.history();
        long cutoff = state.windowStart(outOfOrder.historyMillis());
        int fold = 0;
        while (fold < history.size() - 1
                && (history.get(fold).timestamp() < cutoff || history.size() - fold > outOfOrder.maxMeasurements())) {
            fold++;
        }
        if (fold == 0) {
            return state;
        }
        filter.restore(state.base());
        long time = state.baseTime();
        Map<String, NoisePosterior> noise = new HashMap<>(state.baseNoise());
        for (int i = 0; i < fold; i++) {
            step(entityId, time, history.get(i), noise);
            time = history.get(i).timestamp();
        }
        noise.keySet().retainAll(adaptive.keySet());
        return new EntityState(modelIds, state.time(), state.current(), time, filter.save(), false,
                history.subList(fold, history.size()), state.noise(), noise, state.smoother());
    }

    /**
     * One predict-gate-update from {@code fromTime} on the state the filter holds; {@code noise}
     * holds the entity's learned noise posteriors and is updated.
     */
    private Step step(String entityId, long fromTime, Measurement m, Map<String, NoisePosterior> noise) {
        Sensor sensor = sensors.get(m.sensorId());
        DMatrixRMaj R = sensor.load(m, z, Roverride);
        filter.predict((m.timestamp() - fromTime) / 1000.0);
        Attempt attempt = update(sensor, m, R, noise);
        if (attempt.outcome != Outcome.DIVERGED && filter.isHealthy()) {
            return new Step(attempt.outcome == Outcome.GATED ? EntityStatus.REJECTED : EntityStatus.UPDATED,
                    attempt.nis, attempt.logLikelihood, null, attempt.normalisedInnovation);
        }
        String why = "the state diverged (" + (attempt.outcome == Outcome.DIVERGED
                ? "no valid update" : "not finite or not positive definite") + ") at " + m.timestamp()
                + "; restarted from the prior";
        filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
        noise.clear();
        Attempt retry = update(sensor, m, R, noise);
        if (retry.outcome == Outcome.DIVERGED || !filter.isHealthy()) {
            filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
            noise.clear();
            return new Step(EntityStatus.RESET, Double.NaN, Double.NaN, why + "; the measurement could not be applied to it either", null);
        }
        return new Step(EntityStatus.RESET, retry.nis, retry.logLikelihood, why, retry.normalisedInnovation);
    }

    /**
     * The update of the predicted state with the loaded measurement: variational with a learned R for
     * an adaptive sensor (unless the measurement brings its own R), otherwise the filter's own.
     */
    private Attempt update(Sensor sensor, Measurement m, DMatrixRMaj R, Map<String, NoisePosterior> noise) {
        VariationalNoiseUpdate vb = m.R() == null ? adaptive.get(sensor.id()) : null;
        if (vb != null) {
            NoisePosterior posterior = noise.get(sensor.id());
            if (posterior == null || !vb.fits(posterior, sensor.model().measurementSize())) {
                posterior = sensor.noisePrior();   // first measurement by this sensor, or its adaptation changed
            }
            AdaptiveUpdate update = vb.update((GaussianFilter) filter, sensor.model(), z, posterior, sensor.gate());
            noise.put(sensor.id(), update.posterior());
            double[] e = null;
            if (update.outcome() != Outcome.DIVERGED) {
                vb.normalisedInnovation(whitened);
                e = Matrices.toArray(whitened);
            }
            return new Attempt(update.outcome(), update.nis(), update.logLikelihood(), e);
        }
        UpdateResult result = filter.update(sensor.model(), z, R, sensor.gate());
        return new Attempt(result.outcome(), result.nis(), result.logLikelihood(),
                result.outcome() == Outcome.DIVERGED ? null : normalisedInnovation());
    }

    /** The whitened innovation of the filter's last (non-diverged) update, when the filter has one. */
    private double[] normalisedInnovation() {
        if (filter instanceof GaussianFilter g) {
            g.normalisedInnovation(whitened);
        } else if (filter instanceof InformationFilter i) {
            i.normalisedInnovation(whitened);
        } else {
            return null;
        }
        return Matrices.toArray(whitened);
    }

    private record Attempt(Outcome outcome, double nis, double logLikelihood, double[] normalisedInnovation) {
    }

    private record Step(EntityStatus status, double nis, double logLikelihood, String detail, double[] normalisedInnovation) {
    }
}
