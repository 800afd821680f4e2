package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FilterMetrics;
import io.bayesfuse.topology.sensors.SensorState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The filter stage: one measurement in, one estimate out, per entity.
 * <ol>
 * <li>check what only the stream knows (key, event time) — {@link Measurements};</li>
 * <li>choose the entity's filter (its class, else the default) from the live configuration;</li>
 * <li>read the measurement's sensor ({@link SensorWatching}): its state and the noise policy it
 * implies (an R inflation in force after a change);</li>
 * <li>run the kernels' per-entity logic on the stored state — the same {@code EntityTracker} that
 * {@code replay} runs — with that policy, and store the new state ({@link EntityUpdate});</li>
 * <li>publish the estimate (UPDATED, REJECTED, REVISED or RESET), and with fixed-lag smoothing the
 * entity's SMOOTHED estimate L measurements back on the smoothed topic ({@link EstimatePublisher});</li>
 * <li>for a sensor with adaptive noise or changepoint detection, update the sensor's state ({@link
 * SensorState}: newest learned R, detector) and on a detected change act (inflate its R for a while,
 * or reset the entities it measured since the change, {@link EntityResets}) and publish a
 * Changepoint ({@link SensorWatching}).</li>
 * </ol>
 * The processor only wires these jobs together; R has one way in, the kernels' noise policy, and is
 * never computed here.
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
    private LiveConfig<FilterSelection> filters;
    private EntityUpdate updates;
    private EstimatePublisher publisher;
    private SensorWatching sensors;

    public EntityFilterProcessor(FilterStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(stage.configStoreName());
        this.filters = new LiveConfig<>(stage.base(), config, stage.generation(), FilterSelection::compile);
        FilterMetrics metrics = new FilterMetrics(stage.applicationId());
        EntitySchedule schedule = EntitySchedule.of(stage.base().entities());
        this.entities = new EntityStore(context.getStateStore(stage.entityStoreName()),
                context.getStateStore(stage.scheduleStoreName()), schedule, metrics);
        this.upkeep = new EntityUpkeep(entities, schedule, stage.base().entities().sweepBudgetOrDefault(), filters::current,
                metrics, stage.site(), estimate -> context.forward(estimate, ESTIMATES));
        this.updates = new EntityUpdate(entities);
        this.publisher = new EstimatePublisher(context, metrics, stage.site());
        KeyValueStore<String, SensorState> sensorStore = context.getStateStore(stage.sensorStoreName());
        this.sensors = new SensorWatching(context, sensorStore, new EntityResets(entities, publisher, metrics), metrics, stage.site());
    }

    @Override
    public void process(Record<String, io.bayesfuse.avro.Measurement> record) {
        long now = context.currentStreamTimeMs();
        upkeep.runDue(now);
        if (record.value() == null) {
            deleteEntity(record.key(), now);
            return;
        }
        Measurement m = Measurements.toKernel(record.key(), record.value(), record.timestamp(), stage.maxFutureMillis());
        FilterSelection selection = filters.current();
        SelectedFilter filter = selection.select(record.key(), record.value().getAttributes());
        SensorWatching.Sensor sensor = sensors.before(selection, m);
        EntityUpdate.Outcome outcome = updates.apply(record.key(), filter, m, sensor.noise(), sensor.note(), now);
        publisher.published(record, m, filter, outcome);
        sensors.after(record, sensor, m, outcome.result(), selection, now);
    }

    /** A tombstone deletes its entity. */
    private void deleteEntity(String entityId, long now) {
        if (entityId != null) {
            entities.delete(entityId, entities.get(entityId, now));
        }
    }
}
