package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.RecordKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Re-keys a tombstone on posterior-updates, keyed {@code quantityId/sourceId}, by its quantity
 * (split at the last '/'), so that it can travel to the partition that holds the quantity's state:
 * a key "q/s" hashes to another partition than the key "q" of the quantity's updates. A tombstone
 * whose key names no source is dead-lettered (KEY_MISMATCH).
 */
public final class TombstoneRouter implements Processor<String, PosteriorUpdate, String, PosteriorInput.Tombstone> {

    private ProcessorContext<String, PosteriorInput.Tombstone> context;

    @Override
    public void init(ProcessorContext<String, PosteriorInput.Tombstone> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, PosteriorUpdate> record) {
        String key = record.key();
        int slash = key == null ? -1 : key.lastIndexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "a tombstone on posterior-updates retracts one source"
                    + " and must be keyed '<quantityId>/<sourceId>', but it has " + RecordKeys.describe(key));
        }
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Lineage origin = meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
        context.forward(new Record<>(key.substring(0, slash), new PosteriorInput.Tombstone(key.substring(slash + 1), origin),
                record.timestamp()));
    }
}
