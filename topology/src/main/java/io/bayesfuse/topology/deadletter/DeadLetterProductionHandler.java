package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.topology.production.RecordSizeLimits;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What happens to an output record that cannot be produced.
 * <ul>
 * <li><b>It could not be serialized</b> — for instance it is larger than its topic accepts, which
 * {@link io.bayesfuse.topology.production.SizeLimitedSerializer} finds before anything is sent: the
 * input record that produced it is dead-lettered {@code PRODUCTION_ERROR} with its coordinates (and its
 * bytes, when Kafka Streams still holds them), inside the task's transaction; the other outputs and the
 * state changes of that input stand, and processing goes on.</li>
 * <li><b>The producer or the broker refused it</b> (e.g. {@code RecordTooLargeException}):
 * <ul>
 * <li>a state store changelog record: the application stops. A changelog record that is not written
 * is state that a restore would not see: carrying on would corrupt the state silently.</li>
 * <li>under exactly-once, any record: the application stops. The producer has put the transaction
 * in an abortable error state: the transaction, and a dead letter written in it, is aborted, and the
 * same input would fail again after the task restarts, forever.</li>
 * <li>a dead letter: the application stops (it cannot be dead-lettered).</li>
 * <li>otherwise (at least once, an output topic): the input record is dead-lettered
 * {@code PRODUCTION_ERROR} and processing goes on.</li>
 * </ul>
 * "Stops" means the handler answers FAIL after logging, at ERROR, which record failed and which
 * settings to raise; the stream thread dies with the exception and the uncaught-exception handler
 * ({@link io.bayesfuse.topology.StreamThreadFailures}) shuts the instance down instead of restarting the
 * thread into the same failure.</li>
 * <li>A retriable error (a timeout, a broker not available) is retried, as Kafka Streams' default does.</li>
 * </ul>
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterWriter writer;
    private RecordSizeLimits limits;
    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> settings) {
        writer = DeadLetterWriter.fromStreamsSettings(settings);
        limits = RecordSizeLimits.fromSettings(settings);
        Object guarantee = settings.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee == null || guarantee.toString().startsWith("exactly_once");
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        String topic = record.topic();
        if (isChangelog(topic) || topic.equals(writer.topic())) {
            log.error(stopping(context, topic, exception.toString()));
            return Response.fail();
        }
        String message = "the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " of its output to topic '" + topic
                + "' could not be serialized: " + DeadLetterDeserializationHandler.messageOf(exception);
        log.warn("dead-lettering {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), message);
        return Response.resume(writer.record(context, DeadLetterReason.PRODUCTION_ERROR, message, exception));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        String topic = record.topic();
        if (isChangelog(topic) || topic.equals(writer.topic()) || exactlyOnce) {
            log.error(stopping(context, topic, refusal(record, exception)));
            return Response.fail();
        }
        String message = "its output to topic '" + topic + "' was refused: " + refusal(record, exception);
        log.warn("dead-lettering {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), message);
        return Response.resume(writer.record(context, DeadLetterReason.PRODUCTION_ERROR, message, exception));
    }

    private String refusal(ProducerRecord<byte[], byte[]> record, Exception exception) {
        int size = RecordSizeLimits.recordSize(length(record.key()), length(record.value()), record.headers());
        return exception.getClass().getSimpleName() + ": " + exception.getMessage() + " (a record of about " + size
                + " bytes; limited by " + limits.describe(record.topic()) + ")";
    }

    /** The log line that explains why the instance stops and what to change. */
    private String stopping(ErrorHandlerContext context, String topic, String problem) {
        String what;
        String raise;
        if (isChangelog(topic)) {
            what = "state store changelog '" + topic + "' refused a record; an unwritten changelog record would corrupt "
                    + "the state after a restore";
            raise = "raise the changelog's max.message.bytes (kafka: topic.max.message.bytes applies to internal topics) "
                    + "and the producer's max.request.size (kafka: producer.max.request.size)";
        } else if (topic.equals(writer.topic())) {
            what = "the dead-letter topic '" + topic + "' refused a dead letter";
            raise = "raise the topic's max.message.bytes and the producer's max.request.size (kafka: producer.max.request.size)";
        } else {
            what = "topic '" + topic + "' refused a record under exactly-once, which aborts the transaction (a dead "
                    + "letter in it would be lost, and the input would fail again)";
            raise = "raise the topic's max.message.bytes and the producer's max.request.size (kafka: producer.max.request.size)";
        }
        String input = context.topic() == null ? "while committing" : "for input " + context.topic() + "-"
                + context.partition() + "@" + context.offset();
        return "bayesfuse stops: " + what + ", " + input + ": " + problem + "; " + raise;
    }

    static boolean isChangelog(String topic) {
        return topic.endsWith("-changelog");
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
