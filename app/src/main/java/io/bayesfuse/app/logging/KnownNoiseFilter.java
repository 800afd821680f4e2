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
 *       written the record to the dead-letter topic, so nothing was skipped;</li>
 *   <li>Kafka Streams' WARN that the processing exception handler is not enabled for the global
 *       thread: bayesfuse enables it ({@code StreamsSettings}); Kafka 4.3 warns anyway from an internal
 *       copy of the settings (its partition assignor's) that leaves the setting out;</li>
 *   <li>a client's WARN that the metadata reported a recoverable issue when the only issue is that
 *       Kafka Streams' own repartition or changelog topics, created a moment before, have no leader yet;</li>
 *   <li>a transactional producer's WARN that a produce request got {@code CONCURRENT_TRANSACTIONS} and is
 *       being retried: under exactly-once a new transaction's first sends can reach the broker while it
 *       still completes the previous commit; the producer retries them and nothing is lost or doubled;</li>
 *   <li>the global consumer's WARN "Not updating last stable offset ... no longer assigned" (a race
 *       of its own start-up), a fresh embedded broker's WARN that its metadata log is empty, and its
 *       WARN on shutdown that a network client was closed twice.</li>
 * </ul>
 * Configured on the console appender in {@code logback.xml}.
 */
public final class KnownNoiseFilter extends Filter<ILoggingEvent> {

    private static volatile boolean enabled = true;

    /** Lets every line through ({@code --verbose}). */
    static void disable() {
        enabled = false;
    }

    static boolean isEnabled() {
        return enabled;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (enabled && (isRetriedSequenceRejection(event) || isDeadLetteredRecordSkip(event) || isStartupNoise(event)
                || isRetriedConcurrentTransaction(event))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isRetriedSequenceRejection(ILoggingEvent event) {
        return event.getLoggerName().startsWith("kafka.server.ReplicaManager")
                && causedBy(event.getThrowableProxy(), "org.apache.kafka.common.errors.OutOfOrderSequenceException",
                "for transactions v2 idempotent producer with no existing state");
    }

    private static boolean isRetriedConcurrentTransaction(ILoggingEvent event) {
        String formatted = event.getFormattedMessage() == null ? "" : event.getFormattedMessage();
        return event.getLoggerName().equals("org.apache.kafka.clients.producer.internals.Sender")
                && formatted.contains("Got error produce response") && formatted.contains(", retrying (")
                && formatted.endsWith("Error: CONCURRENT_TRANSACTIONS");
    }

    private static boolean isDeadLetteredRecordSkip(ILoggingEvent event) {
        return event.getLoggerName().equals("org.apache.kafka.streams.processor.internals.RecordDeserializer")
                && event.getMessage() != null && event.getMessage().startsWith("Skipping record due to deserialization error");
    }

    private static boolean isStartupNoise(ILoggingEvent event) {
        String message = event.getMessage() == null ? "" : event.getMessage();
        String logger = event.getLoggerName();
        return (logger.equals("org.apache.kafka.streams.StreamsConfig")
                        && message.startsWith("Processing exception handler is not enabled for the GlobalThread"))
                || (logger.equals("org.apache.kafka.clients.NetworkClient")
                        && message.contains("reported a recoverable issue") && onlyNewInternalTopics(event.getFormattedMessage()))
                || (logger.equals("org.apache.kafka.clients.NetworkClient")
                        && message.contains("Attempting to close NetworkClient that has already been closed"))
                || (logger.equals("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils")
                        && message.contains("Not updating last stable offset") && message.contains("no longer assigned"))
                || (logger.equals("org.apache.kafka.controller.QuorumController")
                        && message.contains("The metadata log appears to be empty"));
    }

    /** Whether every topic of a metadata issue ({@code ... : {t1=ERROR, t2=ERROR}}) is a Streams-internal topic without a leader yet. */
    private static boolean onlyNewInternalTopics(String formatted) {
        int open = formatted.lastIndexOf('{');
        int close = formatted.lastIndexOf('}');
        if (open < 0 || close <= open + 1) {
            return false;
        }
        for (String entry : formatted.substring(open + 1, close).split(", ")) {
            int equals = entry.lastIndexOf('=');
            String topic = equals < 0 ? entry : entry.substring(0, equals);
            String error = equals < 0 ? "" : entry.substring(equals + 1);
            boolean internal = topic.endsWith("-repartition") || topic.endsWith("-changelog");
            boolean leaderless = error.equals("UNKNOWN_TOPIC_OR_PARTITION") || error.equals("LEADER_NOT_AVAILABLE");
            if (!internal || !leaderless) {
                return false;
            }
        }
        return true;
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
