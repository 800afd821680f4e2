package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.filter.FilterState;
import io.bayesfuse.kernels.filter.RecursiveFilter;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.smoothing.SmoothedEstimate;
import io.bayesfuse.kernels.smoothing.SmootherWindow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity's retained measurements for out-of-order arrival ({@link OutOfOrderPolicy}): the base
 * state just before the oldest retained measurement and the measurements since, in time order.
 * <ul>
 * <li>An in-order measurement joins the history; those that leave the window (or exceed the cap)
 * are folded into the base by re-running them from it, so processing the same input always gives
 * the same numbers.</li>
 * <li>A late one within the window is inserted in time order and the entity re-filtered from the
 * base: {@link EntityStatus#REVISED}, carrying the newest state and the late measurement's own NIS.
 * One older than the entity's first measurement re-initialises it from the prior at that earlier
 * time. One older than the window is refused: {@link EntityStatus#TOO_LATE}.</li>
 * <li>Re-filtering re-learns the noise from the base's posteriors and rebuilds the smoother
 * window's entries from the insertion point.</li>
 * </ul>
 * Without out-of-order handling the history is empty, the base null and every late measurement
 * too late.
 */
final class OutOfOrderHistory {

    private final RecursiveFilter filter;
    private final OutOfOrderPolicy policy;
    private final List<String> modelIds;
    private final FilterStep steps;
    private final NoiseLearning noiseLearning;
    private final EntitySmoothing smoothing;

    OutOfOrderHistory(RecursiveFilter filter, OutOfOrderPolicy policy, List<String> modelIds,
                      FilterStep steps, NoiseLearning noiseLearning, EntitySmoothing smoothing) {
        this.filter = filter;
        this.policy = policy;
        this.modelIds = modelIds;
        this.steps = steps;
        this.noiseLearning = noiseLearning;
        this.smoothing = smoothing;
    }

    /** A new entity: the prior at {@code time}, with an empty history. */
    EntityState start(String entityId, long time) {
        steps.startFromPrior(entityId);
        FilterState prior = filter.save();
        return policy.enabled()
                ? new EntityState(modelIds, time, prior, time, prior, true, List.of())
                : new EntityState(modelIds, time, prior, time, null, true, List.of());
    }

    /**
     * The state after in-order measurement {@code m} took {@code before} to {@code current}: the
     * measurement joins the history, which is then trimmed.
     */
    EntityState afterInOrder(String entityId, EntityState before, Measurement m, FilterState current,
                             Map<String, NoisePosterior> noise, SmootherWindow window) {
        if (!policy.enabled()) {
            return new EntityState(modelIds, m.timestamp(), current,
                    m.timestamp(), null, before.baseIsPrior(), List.of(), noise, null, window);
        }
        List<Measurement> history = new ArrayList<>(before.history());
        history.add(m);
        return trim(entityId, new EntityState(modelIds, m.timestamp(), current,
                before.baseTime(), before.base(), before.baseIsPrior(), history, noise, before.baseNoise(), window));
    }

    /** A measurement older than the entity's newest: re-filtered into the history, or refused. */
    TrackingResult late(String entityId, EntityState state, Measurement m) {
        if (!policy.enabled()) {
            return tooLate(state, "measurement at " + m.timestamp() + " is older than the entity's newest ("
                    + state.time() + ") and out-of-order handling is off");
        }
        if (m.timestamp() < state.windowStart(policy.historyMillis())) {
            return tooLate(state, "measurement at " + m.timestamp() + " is more than " + policy.historyMillis()
                    + " ms older than the entity's newest (" + state.time() + ")");
        }
        long baseTime = state.baseTime();
        FilterState base = state.base();
        Map<String, NoisePosterior> baseNoise = state.baseNoise();
        // the smoother window's entries older than the history stay; those of the history are rebuilt below
        SmootherWindow window = smoothing.dropNewest(state.smoother(), state.history().size());
        if (m.timestamp() < baseTime) {
            if (!state.baseIsPrior()) {
                return tooLate(state, "measurement at " + m.timestamp() + " is older than the retained history (from "
                        + baseTime + ", at most " + policy.maxMeasurements() + " measurements)");
            }
            // older than the entity's first measurement: the prior moves to this earlier time
            steps.startFromPrior(entityId);
            base = filter.save();
            baseTime = m.timestamp();
            baseNoise = Map.of();
            window = smoothing.empty();
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
        FilterStep.Step inserted = null;
        Map<String, NoisePosterior> noise = new HashMap<>(baseNoise);
        int firstWindowed = smoothing.firstWindowed(history.size());
        if (firstWindowed > 0) {
            window = SmootherWindow.EMPTY;
        }
        for (int i = 0; i < history.size(); i++) {
            Measurement h = history.get(i);
            FilterStep.Step step = steps.step(entityId, time, h, noise);
            time = h.timestamp();
            if (i == insertAt) {
                inserted = step;
            }
            if (i >= firstWindowed) {
                // before firstWindowed the window is empty, so a reset there leaves nothing to empty
                window = smoothing.afterStep(window, step.status(), h.timestamp());
            }
        }
        double[] x = Matrices.toArray(filter.mean());
        double[][] P = Matrices.toRows(filter.covariance());
        SmoothedEstimate smoothed = smoothing.smooth(window);
        noiseLearning.forgetUnlearned(noise);
        EntityState next = trim(entityId, new EntityState(modelIds, state.time(), filter.save(),
                baseTime, base, state.baseIsPrior(), history, noise, baseNoise, window));
        return new TrackingResult(EntityStatus.REVISED, next, x, P, inserted.nis(), inserted.logLikelihood(), null,
                inserted.normalisedInnovation(), smoothed);
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
        long cutoff = state.windowStart(policy.historyMillis());
        int fold = 0;
        while (fold < history.size() - 1
                && (history.get(fold).timestamp() < cutoff || history.size() - fold > policy.maxMeasurements())) {
            fold++;
        }
        if (fold == 0) {
            return state;
        }
        filter.restore(state.base());
        long time = state.baseTime();
        Map<String, NoisePosterior> noise = new HashMap<>(state.baseNoise());
        for (int i = 0; i < fold; i++) {
            steps.step(entityId, time, history.get(i), noise);
            time = history.get(i).timestamp();
        }
        noiseLearning.forgetUnlearned(noise);
        return new EntityState(modelIds, state.time(), state.current(), time, filter.save(), false,
                history.subList(fold, history.size()), state.noise(), noise, state.smoother());
    }
}
