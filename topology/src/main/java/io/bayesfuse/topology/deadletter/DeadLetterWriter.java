package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.schemas.serde.SpecificAvroSerializer;
import io.bayesfuse.topology.production.RecordSizeLimits;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the dead-letter records that Kafka Streams' exception handlers (KIP-1033/KIP-1034) hand
 * back to be produced: an Avro {@link DeadLetter} in the Confluent wire format, keyed by the
 * original key bytes, written to the dead-letter topic inside the task's transaction, so that
 * a dead letter is committed exactly when the input offset is.
 *
 * <p>Configured from the Kafka Streams settings: the topic is
 * {@code errors.dead.letter.queue.topic.name}; the serializer takes the schema registry settings
 * (e.g. {@code schema.registry.url}) from the same map.
 */
public final class DeadLetterWriter implements AutoCloseable {

    private final String topic;
    private final String applicationId;
    private final Serializer<DeadLetter> serializer;
    private final RecordSizeLimits limits;

    public DeadLetterWriter(String topic, String applicationId, Serializer<DeadLetter> serializer, RecordSizeLimits limits) {
        this.topic = topic;
        this.applicationId = applicationId;
        this.serializer = serializer;
        this.limits = limits;
    }

    /** A writer configured from Kafka Streams settings (what a handler's {@code configure} receives). */
    public static DeadLetterWriter fromStreamsSettings(Map<String, ?> settings) {
        Object topic = settings.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, null,
                    "bayesfuse's exception handlers need the dead-letter topic name");
        }
        Object applicationId = settings.get(StreamsConfig.APPLICATION_ID_CONFIG);
        SpecificAvroSerializer<DeadLetter> serializer = new SpecificAvroSerializer<>();
        serializer.configure(settings, false);
        return new DeadLetterWriter(topic.toString(), applicationId == null ? null : applicationId.toString(), serializer,
                RecordSizeLimits.fromSettings(settings));
    }

    public String topic() {
        return topic;
    }

    /**
     * The dead-letter record for the input record described by {@code context}, with the input's
     * Kafka timestamp (not the time the timestamp extractor chose: see {@link KafkaRecordTimestamp}).
     */
    public List<ProducerRecord<byte[], byte[]>> record(ErrorHandlerContext context, DeadLetterReason reason,
                                                        String message, Throwable cause) {
        return record(context.topic(), context.partition(), context.offset(), KafkaRecordTimestamp.of(context),
                context.sourceRawKey(), context.sourceRawValue(), reason, message, cause);
    }

    /**
     * The dead-letter record for an input record given by its coordinates and raw bytes. When the
     * dead letter with the original bytes would be larger than the dead-letter topic accepts, the
     * bytes are left out (the message says so) and the coordinates still point at the record.
     *
     * @throws DeadLetterTooLargeException when even the dead letter without the bytes is too large
     */
    public List<ProducerRecord<byte[], byte[]>> record(String sourceTopic, int partition, long offset, long timestamp,
                                                        byte[] rawKey, byte[] rawValue, DeadLetterReason reason,
                                                        String message, Throwable cause) {
        String text = message == null ? String.valueOf(cause) : message;
        byte[] value = serialize(letter(sourceTopic, partition, offset, timestamp, rawKey, rawValue, reason, text, cause));
        if (!fits(rawKey, value)) {
            String shorter = text + " [the original key and value (" + length(rawKey) + " and " + length(rawValue)
                    + " bytes) are left out: with them this dead letter is larger than " + limits.describe(topic) + " allow]";
            value = serialize(letter(sourceTopic, partition, offset, timestamp, null, null, reason, shorter, cause));
            if (!fits(rawKey, value)) {
                throw new DeadLetterTooLargeException(topic, sourceTopic, partition, offset,
                        RecordSizeLimits.recordSize(length(rawKey), value.length, null), limits.limit(topic), limits.describe(topic));
            }
        }
        io.bayesfuse.topology.metrics.DeadLetterMetrics.record(applicationId, reason, sourceTopic);
        return List.of(new ProducerRecord<>(topic, null, timestamp >= 0 ? timestamp : null, rawKey, value));
    }

    private boolean fits(byte[] key, byte[] value) {
        return limits.fits(topic, RecordSizeLimits.recordSize(length(key), value.length, null));
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private byte[] serialize(DeadLetter letter) {
        return serializer.serialize(topic, letter);
    }

    private DeadLetter letter(String sourceTopic, int partition, long offset, long timestamp, byte[] rawKey, byte[] rawValue,
                              DeadLetterReason reason, String message, Throwable cause) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage(message)
                .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setRecordTimestamp(timestamp >= 0 ? Instant.ofEpochMilli(timestamp) : null)
                .setKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
                .setValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
                .setExceptionClass(cause == null ? null : cause.getClass().getName())
                .setApplicationId(applicationId)
                .build();
    }

    @Override
    public void close() {
        serializer.close();
    }
}
