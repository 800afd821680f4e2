package io.bayesfuse.benchmarks;

import io.bayesfuse.topology.StreamThreadFailures;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A benchmark's stream-thread failure handler: the application's own policy ({@link
 * StreamThreadFailures}: a passing failure, such as a source topic not yet in the first rebalance's
 * metadata, replaces the thread; a record that can never be produced stops the instance), and the
 * first failure that stopped an instance kept, so that the benchmark reports its cause.
 */
final class StreamsFailureRecorder implements StreamsUncaughtExceptionHandler {

    private final StreamThreadFailures policy = new StreamThreadFailures();
    private final AtomicReference<Throwable> fatal;

    StreamsFailureRecorder(AtomicReference<Throwable> fatal) {
        this.fatal = fatal;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        StreamThreadExceptionResponse response = policy.handle(exception);
        if (response != StreamThreadExceptionResponse.REPLACE_THREAD) {
            fatal.compareAndSet(null, exception);
        }
        return response;
    }
}
