package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.deadletter.KafkaRecordTimestamp;
import io.bayesfuse.topology.metrics.FilterMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The filter stage's output: an entity's estimate on the estimates topic (and with fixed-lag
 * smoothing its SMOOTHED estimate on the smoothed topic), each counted in the metrics, with the
 * input record's lineage (topic, partition, offset) and timestamp.
 */
final class EstimatePublisher {

    private final ProcessorContext<String, SpecificRecord> context;
    private final FilterMetrics metrics;
    private final String site;

    EstimatePublisher(ProcessorContext<String, SpecificRecord> context, FilterMetrics metrics, String site) {
        this.context = context;
        this.metrics = metrics;
        this.site = site;
    }

    /** The estimate that measurement {@code m} (the value of {@code record}) gave, and its smoothed estimate when there is one. */
    void published(Record<String, ?> record, Measurement m, SelectedFilter filter, EntityUpdate.Outcome outcome) {
        String entityId = record.key();
        TrackingResult result = outcome.result();
        Record<String, ?> input = KafkaRecordTimestamp.withoutHeader(record);
        context.forward(input.withValue(Estimates.of(entityId, result.state().time(), outcome.status(), m.sensorId(),
                m.timestamp(), filter, result, lineage(), site, outcome.message())), EntityFilterProcessor.ESTIMATES);
        metrics.estimate(outcome.status(), m.sensorId());
        metrics.nis(m.sensorId(), result.nis());
        if (result.smoothed() != null) {
            context.forward(input.withValue(Estimates.smoothed(entityId, result.smoothed(), m.timestamp(), filter,
                    lineage(), site)), EntityFilterProcessor.SMOOTHED);
            metrics.smoothed(filter.entityClass());
        }
    }

    /** A RESET estimate of entity {@code id}, re-filtered from its prior with {@code m}, at {@code record}'s timestamp. */
    void restarted(Record<String, ?> record, String id, Measurement m, SelectedFilter filter, TrackingResult fresh, String why) {
        context.forward(new Record<>(id, Estimates.of(id, fresh.state().time(), EstimateStatus.RESET, m.sensorId(),
                m.timestamp(), filter, fresh, lineage(), site, why), record.timestamp()), EntityFilterProcessor.ESTIMATES);
    }

    /** A RESET estimate of entity {@code id} at its prior (the entity was deleted), at {@code record}'s timestamp. */
    void restartedAtPrior(Record<String, ?> record, String id, Measurement m, SelectedFilter filter, String why) {
        context.forward(new Record<>(id, Estimates.prior(id, m.timestamp(), filter, site, why), record.timestamp()),
                EntityFilterProcessor.ESTIMATES);
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
