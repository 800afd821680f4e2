package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj Roverride = new DMatrixRMaj(1, 1);

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
        Step step = step(entityId, state.time(), m);
        EntityStatus status = resetReason != null ? EntityStatus.RESET : step.status;
        String detail = resetReason != null ? resetReason : step.detail;
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        FilterState current = filter.save();
        if (!outOfOrder.enabled()) {
            return new TrackingResult(status, new EntityState(modelIds, m.timestamp(), current,
                    m.timestamp(), null, state.baseIsPrior(), List.of()), x, P, step.nis, step.logLikelihood, detail);
        }
        List<Measurement> history = new ArrayList<>(state.history());
        history.add(m);
        EntityState next = trim(entityId, new EntityState(modelIds, m.timestamp(), current,
                state.baseTime(), state.base(), state.baseIsPrior(), history));
        return new TrackingResult(status, next, x, P, step.nis, step.logLikelihood, detail);
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
        if (m.timestamp() < baseTime) {
            if (!baseIsPrior) {
                return tooLate(state, "measurement at " + m.timestamp() + " is older than the retained history (from "
                        + baseTime + ", at most " + outOfOrder.maxMeasurements() + " measurements)");
            }
            // older than the entity's first measurement: the prior moves to this earlier time
            filter.initialise(x0, P0, SplitMix64.seedFor(seed, entityId));
            base = filter.save();
            baseTime = m.timestamp();
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
        for (int i = 0; i < history.size(); i++) {
            Measurement h = history.get(i);
            Step step = step(entityId, time, h);
            time = h.timestamp();
            if (i == insertAt) {
                nis = step.nis;
                logLikelihood = step.logLikelihood;
            }
        }
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        EntityState next = trim(entityId, new EntityState(modelIds, state.time(), filter.save(),
                baseTime, base, baseIsPrior, history));
        return new TrackingResult(EntityStatus.REVISED, next, x, P, nis, logLikelihood, null);
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
        for (int i = 0; i < fold; i++) {
            step(entityId, time, history.get(i));
            time = history.get(i).timestamp();
        }
        return new EntityState(modelIds, state.time(), state.current(), time, filter.save(), false,
                history.subList(fold, history.size()));
    }

    /** One predict-gate-update from {@code fromTime} on the state the filter holds. */
    private Step step(String entityId, long fromTime, Measurement m) {
        Sensor sensor = sensors.get(m.sensorId());
        DMatrixRMaj R = sensor.load(m, z, Roverride);
        filter.predict((m.timestamp() - fromTime) / 1000.0);
        UpdateResult result = filter.update(sensor.model(), z, R, sensor.gate());
        if (result.outcome() != UpdateResult.Outcome.DIVERGED && filter.isHealthy()) {
            return new Step(result.outcome() == UpdateResult.Outcome.GATED ? EntityStatus.REJECTED : EntityStatus.UPDATED,
                    result.nis(), result.logLikelihood(), null);
        }
        String why = "the state diverged (" + (result.outcome() == UpdateResult.Outcome.DIVERGED
                ? "no valid update" : "not finite or not positive definite") + ") at " + m.timestamp()
                + "; restarted from the prior";
        filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
        UpdateResult retry = filter.update(sensor.model(), z, R, sensor.gate());
        if (retry.outcome() == UpdateResult.Outcome.DIVERGED || !filter.isHealthy()) {
            filter.initialise(x0, P0, SplitMix64.seedFor(seed ^ m.timestamp(), entityId));
            return new Step(EntityStatus.RESET, Double.NaN, Double.NaN, why + "; the measurement could not be applied to it either");
        }
        return new Step(EntityStatus.RESET, retry.nis(), retry.logLikelihood(), why);
    }

    private record Step(EntityStatus status, double nis, double logLikelihood, String detail) {
    }
}
