package io.bayesfuse.topology.deadletter;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.kernels.InvalidInputException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A record a processor refused ({@link DeadLetterException}, or a kernel's
 * {@link InvalidInputException}) goes to the dead-letter topic with its reason and original bytes.
 * Any other exception is a defect, not bad input: it is logged with its stack trace and the record
 * is dead-lettered as PROCESSING_ERROR, so one poisonous record cannot stop the application.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterWriter writer;

    @Override
    public void configure(Map<String, ?> settings) {
        writer = DeadLetterWriter.fromStreamsSettings(settings);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetterReason reason;
        String message;
        if (exception instanceof DeadLetterException dead) {
            reason = dead.reason();
            message = dead.getMessage();
        } else if (exception instanceof InvalidInputException invalid) {
            reason = DeadLetterReasons.of(invalid);
            message = invalid.getMessage();
        } else {
            log.error("processing failed for {}-{}@{} in {}; the record is dead-lettered", context.topic(),
                    context.partition(), context.offset(), context.processorNodeId(), exception);
            reason = DeadLetterReason.PROCESSING_ERROR;
            message = exception.getClass().getSimpleName() + ": " + DeadLetterDeserializationHandler.messageOf(exception);
        }
        return Response.resume(writer.record(context, reason, message, exception));
    }
}
