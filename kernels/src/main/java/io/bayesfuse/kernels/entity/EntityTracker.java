package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.adaptive.VariationalNoiseUpdate;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;
import org.ejml.data.DMatrixRMaj;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p>R has one way in: a {@link NoisePolicy} chooses each measurement's R as it enters (its own R,
 * else the sensor's; {@link NoiseInflation} widens the sensor's R for a while after a detected change),
 * and the history keeps the measurement with that R.
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
 *
 * <p>The jobs are split among collaborators: {@link FilterStep} (one predict–gate–update with the
 * reset on divergence), {@link NoiseLearning} (the learned R), {@link EntitySmoothing} (the smoother
 * window) and {@link OutOfOrderHistory} (the history, its replay and trimming). What they need of
 * the filter beyond {@link RecursiveFilter} is the capability interface
 * {@link io.bayesfuse.kernels.filter.SingleGaussianFilter}.
 */
public final class EntityTracker {

    private final RecursiveFilter filter;
    private final List<String> modelIds;
    private final SmoothingPolicy smoothingPolicy;
    private final FilterStep steps;
    private final NoiseLearning noiseLearning;
    private final EntitySmoothing smoothing;
    private final OutOfOrderHistory history;

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
        DMatrixRMaj P0 = prior.covarianceMatrix();
        Matrices.symmetrise(P0);   // within tolerance already; exactly, so stored covariances stay symmetric
        this.modelIds = List.copyOf(modelIds);
        this.noiseLearning = new NoiseLearning(filter, sensors);
        this.smoothingPolicy = smoothing;
        this.smoothing = new EntitySmoothing(smoothing, filter);
        this.steps = new FilterStep(filter, prior.meanVector(), P0, seed, Map.copyOf(sensors), noiseLearning);
        this.history = new OutOfOrderHistory(filter, outOfOrder, this.modelIds, steps, noiseLearning, this.smoothing);
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
        return process(entityId, state, measurement, NoisePolicy.AS_CONFIGURED);
    }

    /**
     * Processes one measurement of entity {@code entityId} with the R that {@code noise} chooses for it
     * (kept with the measurement in the history, so a later re-filtering sees the same R).
     *
     * @param state the entity's stored state, or null for a new entity
     * @throws InvalidInputException when the measurement is invalid (unknown sensor, wrong
     *                               dimension, NaN/Inf, an R that is not SPD); the state is then unchanged
     */
    public TrackingResult process(String entityId, EntityState state, Measurement measurement, NoisePolicy noise) {
        measurement = steps.admit(measurement, noise);
        String resetReason = null;
        if (state != null && !state.modelIds().equals(modelIds)) {
            resetReason = "the stored state was built with motion models " + state.modelIds()
                    + ", the configuration now uses " + modelIds;
            state = null;
        }
        if (state == null) {
            return inOrder(entityId, history.start(entityId, measurement.timestamp()), measurement, resetReason);
        }
        if (measurement.timestamp() >= state.time()) {
            return inOrder(entityId, state, measurement, null);
        }
        return history.late(entityId, state, measurement);
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
        return smoothingPolicy;
    }

    /** The motion model ids of the states this tracker produces. */
    public List<String> modelIds() {
        return modelIds;
    }

    private TrackingResult inOrder(String entityId, EntityState state, Measurement m, String resetReason) {
        filter.restore(state.current());
        Map<String, NoisePosterior> noise = state.noise().isEmpty() ? new HashMap<>() : new HashMap<>(state.noise());
        FilterStep.Step step = steps.step(entityId, state.time(), m, noise);
        EntityStatus status = resetReason != null ? EntityStatus.RESET : step.status();
        String detail = resetReason != null ? resetReason : step.detail();
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        SmootherWindow window = smoothing.afterStep(state.smoother(), step.status(), m.timestamp());
        SmoothedEstimate smoothed = smoothing.smooth(window);
        FilterState current = filter.save();
        noiseLearning.forgetUnlearned(noise);
        EntityState next = history.afterInOrder(entityId, state, m, current, noise, window);
        return new TrackingResult(status, next, x, P, step.nis(), step.logLikelihood(), detail, step.normalisedInnovation(), smoothed);
    }
}
