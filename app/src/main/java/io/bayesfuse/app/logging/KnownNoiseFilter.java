package io.bayesfuse.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops log lines that report, as a problem, something that is not one (unless {@code --verbose}):
 * <ul>
 *   <li>the embedded broker's ERROR "Error processing append operation" for an
 *       {@code OutOfOrderSequenceException} of a new transactional producer (transactions v2): Kafka
 *       rejects its first racing batches as retriable, the producer retries and the output is right;</li>
 *   <li>Kafka Streams' WARN "Skipping record due to deserialization error": bayesfuse's handler has
 *       written the record to the dead-letter topic, so nothing was skipped.</li>
 * </ul>
 * Configured on the console appender in {@code logback.xml}.
 */
public final class KnownNoiseFilter extends Filter<ILoggingEvent> {

    private static volatile boolean enabled = true;

    /** Lets every line through ({@code --verbose}). */
    static void disable() {
        enabled = false;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (enabled && (isRetriedSequenceRejection(event) || isDeadLetteredRecordSkip(event))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isRetriedSequenceRejection(ILoggingEvent event) {
        return event.getLoggerName().startsWith("kafka.server.ReplicaManager")
                && causedBy(event.getThrowableProxy(), "org.apache.kafka.common.errors.OutOfOrderSequenceException",
                "for transactions v2 idempotent producer with no existing state");
    }

    private static boolean isDeadLetteredRecordSkip(ILoggingEvent event) {
        return event.getLoggerName().equals("org.apache.kafka.streams.processor.internals.RecordDeserializer")
                && event.getMessage() != null && event.getMessage().startsWith("Skipping record due to deserialization error");
    }

    private static boolean causedBy(IThrowableProxy throwable, String className, String messagePart) {
        for (IThrowableProxy t = throwable; t != null; t = t.getCause()) {
            if (className.equals(t.getClassName()) && t.getMessage() != null && t.getMessage().contains(messagePart)) {
                return true;
            }
        }
        return false;
    }
}
