package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FilterMetrics;
import io.bayesfuse.topology.store.StoreSweep;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;

/**
 * The filter stage: one measurement in, one estimate out, per entity.
 * <ol>
 * <li>check what only the stream knows (key, event time) — {@link Measurements};</li>
 * <li>choose the entity's filter (its class, else the default) from the live configuration;</li>
 * <li>run the kernels' per-entity logic on the stored state — the same {@code EntityTracker} that
 * {@code replay} runs;</li>
 * <li>store the new state and publish the estimate (UPDATED, REJECTED, REVISED or RESET).</li>
 * </ol>
 * Bad input and TOO_LATE measurements are thrown as {@link DeadLetterException} before any state
 * changes; the processing exception handler dead-letters them with their original bytes. A
 * tombstone (null measurement) deletes the entity. Optional punctuations evict idle entities (stream
 * time) and publish PREDICTED estimates for quiet ones (wall clock).
 */
public final class EntityFilterProcessor implements Processor<String, io.bayesfuse.avro.Measurement, String, Estimate> {

    private final FilterStage stage;
    private ProcessorContext<String, Estimate> context;
    private KeyValueStore<String, TrackedEntity> entities;
    private LiveConfig<FilterSelection> filters;
    private FilterMetrics metrics;
    private StoreSweep<TrackedEntity> sweep;

    public EntityFilterProcessor(FilterStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, Estimate> context) {
        this.context = context;
        this.entities = context.getStateStore(stage.entityStoreName());
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(stage.configStoreName());
        this.filters = new LiveConfig<>(stage.base(), config, stage.generation(), FilterSelection::compile);
        this.metrics = new FilterMetrics(stage.applicationId());
        this.sweep = new StoreSweep<>(entities, stage.sweepBudget());
        if (stage.ttlMillis() != null) {
            Duration every = Duration.ofMillis(Math.max(1000, Math.min(stage.ttlMillis() / 4, 60_000)));
            context.schedule(every, PunctuationType.STREAM_TIME, this::evictIdle);
        }
        if (stage.ticks() != null) {
            context.schedule(Duration.ofMillis(stage.ticks().intervalMillisOrDefault()), PunctuationType.WALL_CLOCK_TIME,
                    this::predictQuiet);
        }
    }

    @Override
    public void process(Record<String, io.bayesfuse.avro.Measurement> record) {
        String entityId = record.key();
        if (record.value() == null) {
            if (entityId != null) {
                entities.delete(entityId);
            }
            return;
        }
        Measurement m = Measurements.toKernel(entityId, record.value(), record.timestamp(), stage.maxFutureMillis());
        SelectedFilter filter = filters.current().select(entityId, record.value().getAttributes());
        TrackedEntity stored = entities.get(entityId);
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
        entities.put(entityId, new TrackedEntity(filter.entityClass(), filter.filterType(), result.state()));
        context.forward(record.withValue(Estimates.of(entityId, result.state().time(), status, m.sensorId(), m.timestamp(),
                filter, result, lineage(), stage.site(), message)));
        metrics.estimate(status, m.sensorId());
        metrics.nis(m.sensorId(), result.nis());
    }

    private void evictIdle(long streamTime) {
        long cutoff = streamTime - stage.ttlMillis();
        for (String id : sweep.sweep((id, entity) -> entity.state().time() < cutoff)) {
            entities.delete(id);
            metrics.evicted(1);
        }
    }

    private void predictQuiet(long wallClockTime) {
        long now = context.currentStreamTimeMs();
        long idle = stage.ticks().idleMillisOrDefault();
        FilterSelection selection = filters.current();
        sweep.sweep((id, entity) -> {
            if (now - entity.state().time() < idle) {
                return false;
            }
            SelectedFilter filter = selection.filterOf(entity);
            if (filter == null) {
                return false;
            }
            TrackingResult predicted = filter.tracker().predict(id, entity.state(), now);
            context.forward(new Record<>(id, Estimates.of(id, now, EstimateStatus.PREDICTED, null, null, filter, predicted,
                    null, stage.site(), null), now));
            metrics.estimate(EstimateStatus.PREDICTED, null);
            return false;
        });
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }

    private static String describe(String entityClass, String filterType) {
        return (entityClass == null ? "the default filter" : "entity class '" + entityClass + "'") + " (" + filterType + ")";
    }
}
