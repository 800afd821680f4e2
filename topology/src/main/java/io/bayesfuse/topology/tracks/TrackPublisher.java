package io.bayesfuse.topology.tracks;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.PosteriorUpdate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Publishes the estimates of the configured estimate topics as posterior updates of their entity's
 * track ({@link TrackPosteriors}), keyed by the entity id and timed at the estimate's time, on the
 * posterior-updates topic. From there they are partitioned by quantity like every posterior update,
 * whatever the partitioning of the estimate topics (another site's topic may have another number
 * of partitions), and fused by the fusion stage.
 */
public final class TrackPublisher implements Processor<String, Estimate, String, PosteriorUpdate> {

    private ProcessorContext<String, PosteriorUpdate> context;

    @Override
    public void init(ProcessorContext<String, PosteriorUpdate> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Estimate> record) {
        Estimate estimate = record.value();
        if (estimate == null || !TrackPosteriors.isCurrentState(estimate)) {
            return;
        }
        RecordMetadata meta = context.recordMetadata().orElseThrow(() ->
                new IllegalStateException("an estimate without its topic and offset cannot be versioned"));
        context.forward(new Record<>(estimate.getEntityId(), TrackPosteriors.of(estimate, meta.topic(), meta.offset()),
                estimate.getTimestamp().toEpochMilli()));
    }
}
