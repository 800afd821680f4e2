package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.Measurement;
import io.bayesfuse.topology.deadletter.KafkaRecordTimestamp;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for the measurements topic: the measurement's own timestamp, so stream time (which
 * drives eviction) follows the data even when producers leave the Kafka timestamp at send time.
 * A measurement without a timestamp, or one further ahead of its record's timestamp than
 * {@code maxFutureMillis}, keeps the record's timestamp (it is dead-lettered downstream and must
 * not drag stream time with it). When the event time is chosen, the record's own timestamp is kept
 * in a header ({@link KafkaRecordTimestamp}) for its dead letter, should it get one.
 */
public final class MeasurementTimeExtractor implements TimestampExtractor {

    private final long maxFutureMillis;

    public MeasurementTimeExtractor(long maxFutureMillis) {
        this.maxFutureMillis = maxFutureMillis;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long recordTime = record.timestamp() >= 0 ? record.timestamp() : partitionTime;
        if (record.value() instanceof Measurement m && m.getTimestamp() != null) {
            long eventTime = m.getTimestamp().toEpochMilli();
            if (eventTime >= 0 && (recordTime < 0 || eventTime <= recordTime + maxFutureMillis)) {
                if (eventTime != record.timestamp()) {
                    KafkaRecordTimestamp.remember(record.headers(), record.timestamp());
                }
                return eventTime;
            }
        }
        return Math.max(recordTime, 0);
    }
}
