package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.deadletter.KafkaRecordTimestamp;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FilterMetrics;
import io.bayesfuse.topology.sensors.SensorMonitor;
import io.bayesfuse.topology.sensors.SensorState;
import io.bayesfuse.topology.sensors.SensorWatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.TreeMap;

/**
 * The filter stage: one measurement in, one estimate out, per entity.
 * <ol>
 * <li>check what only the stream knows (key, event time) — {@link Measurements};</li>
 * <li>choose the entity's filter (its class, else the default) from the live configuration;</li>
 * <li>run the kernels' per-entity logic on the stored state — the same {@code EntityTracker} that
 * {@code replay} runs;</li>
 * <li>store the new state and publish the estimate (UPDATED, REJECTED, REVISED or RESET), and with
 * fixed-lag smoothing the entity's SMOOTHED estimate L measurements back on the smoothed topic;</li>
 * <li>for a sensor with adaptive noise or changepoint detection, update the sensor's state ({@link
 * SensorState}: newest learned R, detector) and on a detected change act (inflate its R for a while,
 * or reset the entities it measured since the change) and publish a Changepoint.</li>
 * </ol>
 *
 * <p><b>Where per-sensor state lives.</b> A sensor measures entities on every partition, so its
 * state cannot simply be keyed by sensor id in a store the whole application shares. The sensor
 * store is a store of this processor's task, keyed by sensor id: one state per (measurements
 * partition, sensor), moved, changelogged and restored with the partition's entities. Each
 * partition's detector watches the innovations of the sensor's measurements of that partition's
 * entities. This is correct with any number of instances (nothing is shared between tasks), keeps
 * the sensor state and the entity states it acts on in the same task and the same transaction
 * (an inflation or a reset applies to the very next record, exactly once), and keeps output a
 * function of each partition's input order, so replays stay byte-identical. The alternative — a
 * repartition of innovations by sensor id into one detector per sensor — sees a change sooner in
 * wall-clock terms, but its action would have to travel back to every entity partition through
 * another topic and take effect at a moment that depends on scheduling, not on event time. The
 * cost of the choice: with P partitions each detector sees about 1/P of the sensor's records (the
 * delay in the sensor's own records is the documented one per partition), and one change may be
 * reported once per partition (each Changepoint names its partition). The learned R posteriors
 * themselves are per entity × sensor, in the entity's state (see {@code EntityTracker}); the sensor
 * state records the newest of them for display.
 * Bad input and TOO_LATE measurements are thrown as {@link DeadLetterException} before any state
 * changes; the processing exception handler dead-letters them with their original bytes. A
 * tombstone (null measurement) deletes the entity. Before each record, {@link EntityUpkeep} evicts
 * idle entities and publishes PREDICTED estimates for quiet ones, both in stream time, as functions
 * of the stored state (entities are read and written through {@link EntityStore}, which keeps their
 * schedule).
 */
public final class EntityFilterProcessor implements Processor<String, io.bayesfuse.avro.Measurement, String, SpecificRecord> {

    /** The sink of the estimates topic. */
    public static final String ESTIMATES = "estimates-sink";
    /** The sink of the smoothed topic. */
    public static final String SMOOTHED = "smoothed-sink";
    /** The sink of the changepoints topic. */
    public static final String CHANGEPOINTS = "changepoints-sink";

    private final FilterStage stage;
    private ProcessorContext<String, SpecificRecord> context;
    private EntityStore entities;
    private EntityUpkeep upkeep;
    private KeyValueStore<String, SensorState> sensors;
    private LiveConfig<FilterSelection> filters;
    private FilterMetrics metrics;

    public EntityFilterProcessor(FilterStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sensors = context.getStateStore(stage.sensorStoreName());
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(stage.configStoreName());
        this.filters = new LiveConfig<>(stage.base(), config, stage.generation(), FilterSelection::compile);
        this.metrics = new FilterMetrics(stage.applicationId());
        EntitySchedule schedule = EntitySchedule.of(stage.base().entities());
        this.entities = new EntityStore(context.getStateStore(stage.entityStoreName()),
                context.getStateStore(stage.scheduleStoreName()), schedule, metrics);
        this.upkeep = new EntityUpkeep(entities, schedule, stage.base().entities().sweepBudgetOrDefault(), filters::current,
                metrics, stage.site(), estimate -> context.forward(estimate, ESTIMATES));
    }

    @Override
    public void process(Record<String, io.bayesfuse.avro.Measurement> record) {
        String entityId = record.key();
        long now = context.currentStreamTimeMs();
        upkeep.runDue(now);
        if (record.value() == null) {
            if (entityId != null) {
                entities.delete(entityId, entities.get(entityId, now));
            }
            return;
        }
        Measurement m = Measurements.toKernel(entityId, record.value(), record.timestamp(), stage.maxFutureMillis());
        FilterSelection selection = filters.current();
        SelectedFilter filter = selection.select(entityId, record.value().getAttributes());
        SensorWatch watch = selection.watch(m.sensorId());
        SensorState sensor = watch == null ? null : sensors.get(m.sensorId());
        String inflation = null;
        boolean ownR = m.R() != null;
        if (watch != null && sensor != null && sensor.inflatedAt(m.timestamp()) && !ownR) {
            // a change was detected on this sensor: its R is inflated for a while (an R override,
            // kept in the entity's history, so re-filtering a late measurement sees the same R)
            m = new Measurement(m.sensorId(), m.timestamp(), m.z(), watch.inflatedR(sensor.inflation()));
            inflation = "sensor '" + m.sensorId() + "': R inflated x" + sensor.inflation() + " after a changepoint, until "
                    + sensor.inflatedUntil();
        }
        TrackedEntity stored = entities.get(entityId, now);
        EntityState state = stored != null && stored.builtBy(filter) ? stored.state() : null;
        TrackingResult result;
        try {
            result = filter.tracker().process(entityId, state, m);
        } catch (InvalidInputException e) {
            throw DeadLetterReasons.exception(e);
        }
        if (result.status() == EntityStatus.TOO_LATE) {
            throw new DeadLetterException(DeadLetterReason.TOO_LATE, "entity '" + entityId + "': " + result.detail());
        }
        EstimateStatus status = Estimates.status(result.status());
        String message = result.detail();
        if (stored != null && state == null) {
            status = EstimateStatus.RESET;
            message = "entity now served by " + describe(filter.entityClass(), filter.filterType()) + ", was "
                    + describe(stored.entityClass(), stored.filterType()) + "; restarted from its prior";
        }
        if (message == null) {
            message = inflation;
        }
        entities.put(entityId, stored, new TrackedEntity(filter.entityClass(), filter.filterType(), result.state()), now);
        Record<String, io.bayesfuse.avro.Measurement> input = KafkaRecordTimestamp.withoutHeader(record);
        context.forward(input.withValue(Estimates.of(entityId, result.state().time(), status, m.sensorId(), m.timestamp(),
                filter, result, lineage(), stage.site(), message)), ESTIMATES);
        metrics.estimate(status, m.sensorId());
        metrics.nis(m.sensorId(), result.nis());
        if (result.smoothed() != null) {
            context.forward(input.withValue(Estimates.smoothed(entityId, result.smoothed(), m.timestamp(), filter,
                    lineage(), stage.site())), SMOOTHED);
            metrics.smoothed(filter.entityClass());
        }
        if (watch != null) {
            watchSensor(record, watch, sensor, entityId, m, result, ownR, selection);
        }
    }

    /**
     * The sensor side of a measurement: its learned R, its changepoint detector and, on a detection,
     * the configured action and a record on the changepoints topic.
     */
    private void watchSensor(Record<String, ?> record, SensorWatch watch, SensorState stored, String entityId,
                             Measurement m, TrackingResult result, boolean ownR, FilterSelection selection) {
        SensorMonitor.Step step = SensorMonitor.observe(watch, stored, entityId, m.timestamp(), m.z(), result, ownR);
        SensorState sensor = step.state();
        SensorMonitor.Detection detection = step.detection();
        if (detection != null) {
            Double inflation = null;
            Long inflatedUntil = null;
            List<String> reset = List.of();
            switch (watch.action()) {
                case INFLATE_R -> {
                    inflation = watch.factor();
                    inflatedUntil = m.timestamp() + watch.durationMillis();
                    sensor = sensor.withChange(m.timestamp(), inflation, inflatedUntil);
                }
                case RESET_ENTITIES -> {
                    reset = SensorMonitor.affected(sensor, detection.update().changeStart());
                    resetEntities(record, reset, entityId, m, selection);
                    TreeMap<String, Long> remaining = new TreeMap<>(sensor.recentEntities());
                    remaining.keySet().removeAll(reset);
                    sensor = sensor.withRecentEntities(remaining).withChange(m.timestamp(), sensor.inflation(), sensor.inflatedUntil());
                }
                default -> sensor = sensor.withChange(m.timestamp(), sensor.inflation(), sensor.inflatedUntil());
            }
            context.forward(new Record<>(watch.sensorId(), SensorMonitor.record(watch, detection, entityId, m.timestamp(),
                    partition(), stage.site(), watch.action(), inflation, inflatedUntil, reset), record.timestamp()), CHANGEPOINTS);
            metrics.changepoint(watch.sensorId(), watch.action().name());
        }
        sensors.put(watch.sensorId(), sensor);
    }

    /**
     * Restarts the entities a change affected: the measuring entity is re-filtered from its prior
     * with this measurement, the others are deleted (their next measurement starts them from the
     * prior); each is published as a RESET estimate.
     */
    private void resetEntities(Record<String, ?> record, List<String> ids, String measured, Measurement m,
                               FilterSelection selection) {
        String why = "sensor '" + m.sensorId() + "' changed (changepoint at " + m.timestamp() + "); restarted from its prior";
        long now = context.currentStreamTimeMs();
        for (String id : ids) {
            TrackedEntity entity = entities.get(id, now);
            if (entity == null) {
                continue;
            }
            SelectedFilter filter = selection.filterOf(entity);
            if (id.equals(measured) && filter != null) {
                TrackingResult fresh = filter.tracker().process(id, null, m);
                entities.put(id, entity, new TrackedEntity(filter.entityClass(), filter.filterType(), fresh.state()), now);
                context.forward(new Record<>(id, Estimates.of(id, fresh.state().time(), EstimateStatus.RESET, m.sensorId(),
                        m.timestamp(), filter, fresh, lineage(), stage.site(), why), record.timestamp()), ESTIMATES);
            } else {
                entities.delete(id, entity);
                if (filter != null) {
                    context.forward(new Record<>(id, Estimates.prior(id, m.timestamp(), filter, stage.site(), why),
                            record.timestamp()), ESTIMATES);
                }
            }
            metrics.estimate(EstimateStatus.RESET, m.sensorId());
        }
    }

    private int partition() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? -1 : meta.partition();
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }

    private static String describe(String entityClass, String filterType) {
        return (entityClass == null ? "the default filter" : "entity class '" + entityClass + "'") + " (" + filterType + ")";
    }
}
