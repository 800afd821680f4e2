package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.filtering.Estimates;
import io.bayesfuse.topology.filtering.FilterSelection;
import io.bayesfuse.topology.filtering.SelectedFilter;
import io.bayesfuse.topology.filtering.TrackedEntity;
import io.bayesfuse.topology.metrics.FilterMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the filter stage does for entities without a measurement, before each input record: at
 * most {@code budget} due entries of the schedule, earliest first — evict an entity that outlived
 * its time to live, or publish a PREDICTED estimate at the current tick ({@link EntitySchedule}).
 *
 * <p>Why before each record and not in a punctuation: stream time only moves when a record
 * arrives, so this sees every stream time a punctuation would, and it runs at the same point of the
 * input in every run — an uninterrupted one, one restarted after a crash, one whose task moved to
 * another instance. A stream-time punctuation would not: its schedule is anchored where the task
 * started and it runs between batches, whose size depends on timing. What is left over when more
 * than the budget is due waits for the next records; an entity that expired meanwhile is evicted
 * when it is read ({@link EntityStore#get}), so the budget changes no estimate of a measurement,
 * only when (at which tick) a PREDICTED estimate falls if more than the budget are due at once.
 */
public final class EntityUpkeep {

    private final EntityStore store;
    private final EntitySchedule rules;
    private final int budget;
    private final Supplier<FilterSelection> filters;
    private final FilterMetrics metrics;
    private final String site;
    private final Consumer<Record<String, SpecificRecord>> estimates;

    /**
     * @param filters   the live filter selection (a predicted entity is predicted by the filter that built it)
     * @param site      this deployment's name, written into every estimate
     * @param estimates where PREDICTED estimates go
     */
    public EntityUpkeep(EntityStore store, EntitySchedule rules, int budget, Supplier<FilterSelection> filters,
                        FilterMetrics metrics, String site, Consumer<Record<String, SpecificRecord>> estimates) {
        this.store = store;
        this.rules = rules;
        this.budget = budget;
        this.filters = filters;
        this.metrics = metrics;
        this.site = site;
        this.estimates = estimates;
    }

    /** Acts on what is due at stream time {@code now} (the stream time of the record about to be processed). */
    public void runDue(long now) {
        store.ensureSettings(now);
        if (!rules.active()) {
            return;
        }
        for (ScheduleKeys.Due due : store.due(now, budget)) {
            String entityId = due.entityId();
            TrackedEntity entity = store.stored(entityId);
            if (entity == null) {
                store.move(entityId, due.time(), EntitySchedule.NEVER);   // cannot happen: entries are written with their entities
                continue;
            }
            long lastSeen = entity.state().time();
            long predictedThrough = store.predictedThrough(entityId);
            if (rules.expired(lastSeen, now)) {
                store.evict(entityId, entity);
            } else if (rules.predictionDue(lastSeen, predictedThrough, now)) {
                long tick = rules.tick(now);
                predict(entityId, entity, tick);
                store.predicted(entityId, entity, predictedThrough, tick);
            } else {
                store.move(entityId, due.time(), rules.dueAt(lastSeen, predictedThrough));   // cannot happen either: put right
            }
        }
    }

    /**
     * Publishes the entity's estimate predicted to {@code tick}, unless the filter that built it is
     * no longer configured (its next measurement resets it).
     */
    private void predict(String entityId, TrackedEntity entity, long tick) {
        SelectedFilter filter = filters.get().filterOf(entity);
        if (filter == null || !filter.tracker().modelIds().equals(entity.state().modelIds())) {
            return;
        }
        TrackingResult predicted = filter.tracker().predict(entityId, entity.state(), tick);
        estimates.accept(new Record<>(entityId, Estimates.of(entityId, tick, EstimateStatus.PREDICTED, null, null, filter,
                predicted, null, site, null), tick));
        metrics.estimate(EstimateStatus.PREDICTED, null);
    }
}
