package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetterReason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Undecodable input (random bytes, a wrong magic byte, an unknown schema id) goes to the
 * dead-letter topic with reason DESERIALIZATION_ERROR and its original bytes; processing
 * continues. Kafka Streams' built-in dead-letter handling (KIP-1034) produces the record.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> settings) {
        writer = DeadLetterWriter.fromStreamsSettings(settings);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.debug("dead-lettering undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getMessage());
        return Response.resume(writer.record(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), DeadLetterReason.DESERIALIZATION_ERROR, messageOf(exception), exception));
    }

    static String messageOf(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
