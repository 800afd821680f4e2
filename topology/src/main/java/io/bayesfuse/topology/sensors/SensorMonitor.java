package io.bayesfuse.topology.sensors;

import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.ChangepointAction;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.adaptive.NoisePosterior;
import io.bayesfuse.kernels.changepoint.ChangepointDetector;
import io.bayesfuse.kernels.changepoint.ChangepointState;
import io.bayesfuse.kernels.changepoint.ChangepointUpdate;
import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.config.ChangepointModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measurement's effect on its sensor's {@link SensorState}: the newest learned R, the recently
 * measured entities, and one observation of the changepoint detector — the measurement's whitened
 * innovation (innovations model) or one raw component of z (channel model). Two kinds of measurement
 * are not observed: those the gate rejected (clutter: one outlier far out in the tails moves the
 * run-length posterior to a fresh run at once and would be reported as a change; a sensor going
 * wrong shows in its accepted measurements first, and in REJECTED estimates and the NIS chart), and
 * those made while the sensor's R is inflated (the inflated R shrinks the innovations, which the
 * detector would report as the next change). All maths is the kernels'; this class only routes values.
 */
public final class SensorMonitor {

    private SensorMonitor() {
    }

    /** A detected change: the kernel's update and the observation that completed it. */
    public record Detection(ChangepointUpdate update, double[] observation, double statistic) {
    }

    /** The sensor's new state and, when the observation completed one, the detected change. */
    public record Step(SensorState state, Detection detection) {
    }

    /**
     * @param watch    the sensor's compiled watch
     * @param stored   its stored state, or null
     * @param entityId the measured entity
     * @param time     the measurement's event time
     * @param z        the measured value
     * @param result   the filter's result for the measurement
     * @param ownR     whether the measurement carried its own R (the learned posterior was not used)
     */
    public static Step observe(SensorWatch watch, SensorState stored, String entityId, long time, double[] z,
                               TrackingResult result, boolean ownR) {
        SensorState state = stored == null ? SensorState.EMPTY : stored;
        boolean inflated = state.inflatedAt(time);
        if (watch.adaptive() && !ownR && !inflated) {
            NoisePosterior posterior = result.state().noise().get(watch.sensorId());
            if (posterior != null) {
                state = state.withLearnedR(posterior.mean(), time, entityId);
            }
        }
        if (watch.action() == ChangepointAction.RESET_ENTITIES) {
            state = state.withRecentEntities(remember(state.recentEntities(), entityId, time));
        }
        if (!watch.detects() || inflated || result.status() == EntityStatus.REJECTED) {
            return new Step(state, null);
        }
        double[] observation = watch.model() == ChangepointModel.CHANNEL ? new double[]{z[watch.channel()]} : result.normalisedInnovation();
        if (observation == null) {
            return new Step(state, null);   // diverged, or a filter without innovations (particle, IMM)
        }
        ChangepointDetector detector = watch.detector();
        ChangepointState channel = state.changepoint();
        if (channel == null || !watch.model().id().equals(state.model()) || channel.dimension() != detector.model().dimension()
                || channel.statisticsLength() != detector.model().statisticsLength()) {
            channel = detector.start();   // first observation, or the detector's model changed
        }
        ChangepointUpdate update;
        try {
            update = detector.observe(channel, time, observation);
        } catch (InvalidInputException e) {
            return new Step(state, null);   // not finite: the estimate says so already; the detector skips it
        }
        state = state.withChangepoint(update.state(), watch.model().id(), update.state().observations());
        if (!update.detected()) {
            return new Step(state, null);
        }
        double statistic = observation.length == 1 && watch.model() == ChangepointModel.CHANNEL ? observation[0] : squaredNorm(observation);
        return new Step(state, new Detection(update, observation, statistic));
    }

    /**
     * The entities to reset for a change: those the sensor measured since the new regime began (the
     * kernel's change start), sorted by id.
     */
    public static List<String> affected(SensorState state, long changeStart) {
        List<String> affected = new ArrayList<>();
        for (Map.Entry<String, Long> e : state.recentEntities().entrySet()) {
            if (changeStart == ChangepointState.NOT_STARTED || e.getValue() >= changeStart) {
                affected.add(e.getKey());
            }
        }
        return affected;
    }

    /** The Changepoint record of a detection and the action taken. */
    public static Changepoint record(SensorWatch watch, Detection d, String entityId, long time, int partition, String site,
                                     ChangepointAction action, Double inflation, Long inflatedUntil, List<String> resetEntities) {
        ChangepointUpdate u = d.update();
        List<Double> observation = new ArrayList<>(d.observation().length);
        for (double v : d.observation()) {
            observation.add(v);
        }
        return Changepoint.newBuilder()
                .setSensorId(watch.sensorId())
                .setTimestamp(Instant.ofEpochMilli(time))
                .setChangeStart(u.changeStart() == ChangepointState.NOT_STARTED ? null : Instant.ofEpochMilli(u.changeStart()))
                .setDelay(u.delay())
                .setChangeProbability(u.recentChangeProbability())
                .setMostProbableRunLength(u.mostProbableRunLength())
                .setStatistic(d.statistic())
                .setObservation(observation)
                .setLogPredictive(u.logPredictive())
                .setModel(watch.model().id())
                .setAction(action)
                .setInflation(inflation)
                .setInflatedUntil(inflatedUntil == null ? null : Instant.ofEpochMilli(inflatedUntil))
                .setResetEntities(new ArrayList<>(resetEntities))
                .setEntityId(entityId)
                .setPartition(partition)
                .setObservations(u.state().observations())
                .setSite(site)
                .build();
    }

    private static TreeMap<String, Long> remember(Map<String, Long> recent, String entityId, long time) {
        TreeMap<String, Long> next = new TreeMap<>(recent);
        next.merge(entityId, time, Math::max);
        while (next.size() > SensorState.MAX_RECENT) {
            String oldest = null;
            for (Map.Entry<String, Long> e : next.entrySet()) {
                if (oldest == null || e.getValue() < next.get(oldest)) {
                    oldest = e.getKey();
                }
            }
            next.remove(oldest);
        }
        return next;
    }

    private static double squaredNorm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return sum;
    }
}
