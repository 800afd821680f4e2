package io.bayesfuse.topology.deadletter;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.ByteBuffer;

/**
 * The timestamp an input record had in Kafka, for its dead letter. Kafka Streams hands the
 * exception handlers the timestamp its timestamp extractor chose: for measurements that is the
 * measurement's event time (see {@link io.bayesfuse.topology.filtering.MeasurementTimeExtractor}).
 * An extractor that chooses another time than the record's own keeps the record's in a header of
 * the input record, {@value #HEADER}, which the handlers read back. Outputs built from the input
 * record leave it out ({@link #withoutHeader}).
 */
public final class KafkaRecordTimestamp {

    /** The header holding the Kafka timestamp (8 bytes, big-endian epoch milliseconds). */
    public static final String HEADER = "bayesfuse.kafka.timestamp";

    private KafkaRecordTimestamp() {
    }

    /** Keeps the record's Kafka timestamp in its headers (replacing any header of that name). */
    public static void remember(Headers headers, long kafkaTimestamp) {
        try {
            headers.remove(HEADER);
            headers.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(kafkaTimestamp).array());
        } catch (IllegalStateException readOnly) {
            // headers of a record already sent; never the case for a consumed record
        }
    }

    /** The record without the header, for outputs built from it (its other headers stay). */
    public static <K, V> Record<K, V> withoutHeader(Record<K, V> record) {
        if (record.headers().lastHeader(HEADER) == null) {
            return record;
        }
        Headers others = new RecordHeaders(record.headers().toArray());
        others.remove(HEADER);
        return record.withHeaders(others);
    }

    /** The Kafka timestamp of the record the handler is called for: the remembered one, else the context's. */
    public static long of(ErrorHandlerContext context) {
        Headers headers = context.headers();
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header != null && header.value() != null && header.value().length == Long.BYTES) {
            return ByteBuffer.wrap(header.value()).getLong();
        }
        return context.timestamp();
    }
}
