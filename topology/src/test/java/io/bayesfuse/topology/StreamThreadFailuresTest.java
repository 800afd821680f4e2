package io.bayesfuse.topology;

import io.bayesfuse.topology.deadletter.DeadLetterTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThreadFailuresTest {

    @Test
    void aRecordThatCanNeverBeProducedStopsTheInstanceNamingTheSettingsToRaise() {
        StreamThreadFailures failures = new StreamThreadFailures();
        StreamsException failed = new StreamsException("Error encountered sending record to topic app-bayesfuse-entities-changelog",
                new RecordTooLargeException("The message is 2000000 bytes"));
        assertThat(failures.handle(failed)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(failures.fatalFailure()).hasValueSatisfying(why -> assertThat(why)
                .contains("app-bayesfuse-entities-changelog", "max.message.bytes", "max.request.size"));
    }

    @Test
    void aDeadLetterThatCannotBeWrittenStopsTheInstance() {
        StreamThreadFailures failures = new StreamThreadFailures();
        StreamsException failed = new StreamsException("callback failed",
                new DeadLetterTooLargeException("app.dead-letters", "app.measurements", 0, 7, 900, 500, "limits"));
        assertThat(failures.handle(failed)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(failures.fatalFailure()).hasValueSatisfying(why -> assertThat(why).contains("app.measurements-0@7"));
    }

    @Test
    void aSourceTopicMissingFromTheFirstRebalanceReplacesTheThreadWhichThenFindsIt() {
        StreamThreadFailures failures = new StreamThreadFailures();
        assertThat(failures.handle(new org.apache.kafka.streams.errors.MissingSourceTopicException(
                "One or more source topics were missing during rebalance"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anyOtherFailureReplacesTheThread() {
        StreamThreadFailures failures = new StreamThreadFailures();
        assertThat(failures.handle(new StreamsException(new IllegalStateException("boom"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(failures.fatalFailure()).isEmpty();
    }
}
