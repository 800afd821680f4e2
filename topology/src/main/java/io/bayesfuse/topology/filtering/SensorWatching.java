package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.ChangepointAction;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.NoiseInflation;
import io.bayesfuse.kernels.entity.NoisePolicy;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.metrics.FilterMetrics;
import io.bayesfuse.topology.sensors.SensorMonitor;
import io.bayesfuse.topology.sensors.SensorState;
import io.bayesfuse.topology.sensors.SensorWatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.TreeMap;

/**
 * The filter stage's sensor side, for a sensor with adaptive noise or changepoint detection: before a
 * measurement is filtered, the sensor's stored {@link SensorState} and the {@link NoisePolicy} it
 * implies (an R inflation in force after a change, applied by the kernels); after, the measurement's
 * effect on the sensor ({@link SensorMonitor}: newest learned R, detector) and, on a detected change,
 * the configured action (inflate R for a while, or reset the entities measured since the change) and
 * a record on the changepoints topic.
 */
final class SensorWatching {

    /**
     * A measurement's sensor as it was before the measurement.
     *
     * @param watch what is watched on it, or null for nothing
     * @param state its stored state, or null
     * @param noise the policy that chooses the measurement's R
     * @param note  what the estimate says about that R (an inflation in force), or null
     * @param ownR  whether the measurement carried its own R
     */
    record Sensor(SensorWatch watch, SensorState state, NoisePolicy noise, String note, boolean ownR) {
    }

    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, SensorState> store;
    private final EntityResets resets;
    private final FilterMetrics metrics;
    private final String site;

    SensorWatching(ProcessorContext<String, SpecificRecord> context, KeyValueStore<String, SensorState> store,
                   EntityResets resets, FilterMetrics metrics, String site) {
        this.context = context;
        this.store = store;
        this.resets = resets;
        this.metrics = metrics;
        this.site = site;
    }

    /** The sensor of measurement {@code m} under {@code selection}, before {@code m} is filtered. */
    Sensor before(FilterSelection selection, Measurement m) {
        SensorWatch watch = selection.watch(m.sensorId());
        SensorState state = watch == null ? null : store.get(m.sensorId());
        NoiseInflation inflation = state == null ? null : state.noiseInflation();
        boolean ownR = m.R() != null;
        if (inflation == null || !inflation.inflates(m)) {
            return new Sensor(watch, state, NoisePolicy.AS_CONFIGURED, null, ownR);
        }
        String note = "sensor '" + m.sensorId() + "': R inflated x" + inflation.factor() + " after a changepoint, until "
                + inflation.untilMillis();
        return new Sensor(watch, state, inflation, note, ownR);
    }

    /** Records the measurement's effect on its sensor and acts on a detected change. */
    void after(Record<String, ?> record, Sensor sensor, Measurement m, TrackingResult result, FilterSelection selection, long now) {
        SensorWatch watch = sensor.watch();
        if (watch == null) {
            return;
        }
        SensorMonitor.Step step = SensorMonitor.observe(watch, sensor.state(), record.key(), m.timestamp(), m.z(), result,
                sensor.ownR());
        SensorState state = step.state();
        if (step.detection() != null) {
            state = changed(record, sensor, state, step.detection(), m, selection, now);
        }
        store.put(watch.sensorId(), state);
    }

    /** The configured action on a detected change, and its record on the changepoints topic. */
    private SensorState changed(Record<String, ?> record, Sensor sensor, SensorState state, SensorMonitor.Detection detection,
                                Measurement m, FilterSelection selection, long now) {
        SensorWatch watch = sensor.watch();
        Double inflation = null;
        Long inflatedUntil = null;
        List<String> reset = List.of();
        switch (watch.action()) {
            case INFLATE_R -> {
                inflation = watch.factor();
                inflatedUntil = m.timestamp() + watch.durationMillis();
                state = state.withChange(m.timestamp(), inflation, inflatedUntil);
            }
            case RESET_ENTITIES -> {
                reset = SensorMonitor.affected(state, detection.update().changeStart());
                resets.reset(record, reset, record.key(), m, sensor.noise(), selection, now);
                TreeMap<String, Long> remaining = new TreeMap<>(state.recentEntities());
                remaining.keySet().removeAll(reset);
                state = state.withRecentEntities(remaining).withChange(m.timestamp(), state.inflation(), state.inflatedUntil());
            }
            default -> state = state.withChange(m.timestamp(), state.inflation(), state.inflatedUntil());
        }
        ChangepointAction action = watch.action();
        context.forward(new Record<>(watch.sensorId(), SensorMonitor.record(watch, detection, record.key(), m.timestamp(),
                partition(), site, action, inflation, inflatedUntil, reset), record.timestamp()), EntityFilterProcessor.CHANGEPOINTS);
        metrics.changepoint(watch.sensorId(), action.name());
        return state;
    }

    private int partition() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? -1 : meta.partition();
    }
}
