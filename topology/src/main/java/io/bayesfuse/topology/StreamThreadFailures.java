package io.bayesfuse.topology;

import io.bayesfuse.topology.deadletter.DeadLetterTooLargeException;
import io.bayesfuse.topology.production.RecordTooLargeForTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an instance does when a stream thread dies. Bad input never gets here (it is dead-lettered),
 * so a dying thread is either a passing failure, answered by replacing the thread, or a record that
 * can never be produced as the settings stand (a changelog or dead-letter record larger than its
 * topic accepts, or any refused record under exactly-once: see
 * {@link io.bayesfuse.topology.deadletter.DeadLetterProductionHandler}). A replaced thread would meet
 * that record again, forever; so the instance stops instead, and {@link #fatalFailure()} says why
 * and which setting to raise.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final AtomicReference<String> fatal = new AtomicReference<>();

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        Optional<String> stop = reasonToStop(exception);
        if (stop.isPresent()) {
            fatal.compareAndSet(null, stop.get());
            LOG.error("bayesfuse stops this instance: {}", stop.get(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("a stream thread failed and is replaced: {}", exception.toString(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the instance stopped, when a failure stopped it. */
    public Optional<String> fatalFailure() {
        return Optional.ofNullable(fatal.get());
    }

    /** The explanation to stop with, when restarting the thread cannot help. */
    static Optional<String> reasonToStop(Throwable exception) {
        for (Throwable e = exception; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DeadLetterTooLargeException || e instanceof RecordTooLargeForTopicException) {
                return Optional.of(e.getMessage());
            }
            if (e instanceof RecordTooLargeException) {
                return Optional.of("a record could not be produced: " + e.getMessage() + (exception == e ? ""
                        : " (" + exception.getMessage().lines().findFirst().orElse("") + ")")
                        + "; raise the topic's max.message.bytes (kafka: topic.max.message.bytes for changelogs and other "
                        + "internal topics) and the producer's max.request.size (kafka: producer.max.request.size)");
            }
        }
        return Optional.empty();
    }
}
