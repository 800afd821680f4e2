package io.bayesfuse.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final KnownNoiseFilter filter = new KnownNoiseFilter();

    private FilterReply decide(String logger, Level level, String message, Throwable throwable) {
        return filter.decide(new LoggingEvent("test", context.getLogger(logger), level, message, throwable, null));
    }

    @Test
    void dropsTheBrokersErrorForTheRetriedFirstBatchesOfANewTransactionalProducer() {
        Throwable retried = new OutOfOrderSequenceException("Out of order sequence number for producer 7 at offset 12 in "
                + "partition p-0: 3 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent producer "
                + "with no existing state.");
        assertThat(decide("kafka.server.ReplicaManager", Level.ERROR,
                "[ReplicaManager broker=1] Error processing append operation on partition p-0", retried))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsOtherSequenceErrorsAndOtherBrokerErrors() {
        Throwable gap = new OutOfOrderSequenceException("Out of order sequence number for producer 7: 9 (incoming seq. "
                + "number), 3 (current end sequence number)");
        assertThat(decide("kafka.server.ReplicaManager", Level.ERROR, "Error processing append operation", gap))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafka.server.ReplicaManager", Level.ERROR, "Error processing append operation",
                new IllegalStateException("disk full"))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsOnlyTheRetriedConcurrentTransactionsWarningsOfAProducer() {
        String sender = "org.apache.kafka.clients.producer.internals.Sender";
        assertThat(decide(sender, Level.WARN, "[Producer clientId=app-StreamThread-1-producer, transactionalId=app-1] Got error "
                + "produce response with correlation id 33 on topic-partition bayesfuse.estimates-0, retrying (2147483646 "
                + "attempts left). Error: CONCURRENT_TRANSACTIONS", null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(sender, Level.WARN, "[Producer clientId=p] Got error produce response with correlation id 33 on "
                + "topic-partition t-0, retrying (3 attempts left). Error: NOT_LEADER_OR_FOLLOWER", null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsTheSkippingWarningOfRecordsTheHandlerDeadLettered() {
        assertThat(decide("org.apache.kafka.streams.processor.internals.RecordDeserializer", Level.WARN,
                "Skipping record due to deserialization error. topic=[{}] partition=[{}] offset=[{}]", null))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient", Level.WARN, "Connection to node 1 could not be established",
                null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsTheMetadataIssueOnlyForStreamsInternalTopicsCreatedAMomentBefore() {
        String pattern = "[Consumer clientId=c] The metadata response from the cluster reported a recoverable issue with "
                + "correlation id {} : {}";
        assertThat(filter.decide(new LoggingEvent("test", context.getLogger("org.apache.kafka.clients.NetworkClient"),
                Level.WARN, pattern, null, new Object[]{2, "{app-tombstones-repartition=UNKNOWN_TOPIC_OR_PARTITION}"})))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(new LoggingEvent("test", context.getLogger("org.apache.kafka.clients.NetworkClient"),
                Level.WARN, pattern, null, new Object[]{2, "{bayesfuse.measurements=UNKNOWN_TOPIC_OR_PARTITION}"})))
                .as("a topic of the application's own that is missing is a real problem").isEqualTo(FilterReply.NEUTRAL);
    }
}
