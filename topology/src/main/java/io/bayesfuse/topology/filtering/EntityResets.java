package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.NoisePolicy;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.metrics.FilterMetrics;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;

/**
 * The reset-entities action of a change detected on a sensor: the entities it measured since the
 * change restart from their prior. The measuring entity is re-filtered from its prior with the
 * measurement that completed the detection, the others are deleted (their next measurement starts
 * them from the prior); each is published as a RESET estimate.
 */
final class EntityResets {

    private final EntityStore entities;
    private final EstimatePublisher publisher;
    private final FilterMetrics metrics;

    EntityResets(EntityStore entities, EstimatePublisher publisher, FilterMetrics metrics) {
        this.entities = entities;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * @param measured the entity measurement {@code m} belongs to
     * @param noise    the policy {@code m} was filtered with, to re-filter it with the same R
     * @param now      stream time
     */
    void reset(Record<String, ?> record, List<String> ids, String measured, Measurement m, NoisePolicy noise,
               FilterSelection selection, long now) {
        String why = "sensor '" + m.sensorId() + "' changed (changepoint at " + m.timestamp() + "); restarted from its prior";
        for (String id : ids) {
            TrackedEntity entity = entities.get(id, now);
            if (entity == null) {
                continue;
            }
            SelectedFilter filter = selection.filterOf(entity);
            if (id.equals(measured) && filter != null) {
                TrackingResult fresh = filter.tracker().process(id, null, m, noise);
                entities.put(id, entity, new TrackedEntity(filter.entityClass(), filter.filterType(), fresh.state()), now);
                publisher.restarted(record, id, m, filter, fresh, why);
            } else {
                entities.delete(id, entity);
                if (filter != null) {
                    publisher.restartedAtPrior(record, id, m, filter, why);
                }
            }
            metrics.estimate(EstimateStatus.RESET, m.sensorId());
        }
    }
}
