package io.bayesfuse.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Waits for a run's outputs: until an {@link OutputWatcher}'s outputs and dead letters together reach
 * the expected count. Fails as soon as Kafka Streams or the producer failed, and when no output
 * arrives for the stall timeout; shows progress at most once per progress interval, and at the end.
 */
final class OutputWait {

    private final OutputWatcher watcher;
    private final AtomicReference<Throwable> streamsFailure;
    private final AtomicReference<Exception> sendFailure;
    private final Duration stallTimeout;

    OutputWait(OutputWatcher watcher, AtomicReference<Throwable> streamsFailure, AtomicReference<Exception> sendFailure,
               Duration stallTimeout) {
        this.watcher = watcher;
        this.streamsFailure = streamsFailure;
        this.sendFailure = sendFailure;
        this.stallTimeout = stallTimeout;
    }

    /**
     * @param what     names the wait in errors ("filter (measured)")
     * @param input    what the producer sent ("the input", "the chunks")
     * @param progress shown with the outputs seen so far; null for none
     */
    void until(long expected, String what, String input, Duration progressInterval, LongConsumer progress)
            throws InterruptedException {
        long lastSeen = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long seen = watcher.outputs() + watcher.deadLetters();
            if (streamsFailure.get() != null) {
                throw new IllegalStateException(what + ": Kafka Streams failed: " + streamsFailure.get(), streamsFailure.get());
            }
            if (sendFailure.get() != null) {
                throw new IllegalStateException(what + ": producing " + input + " failed: " + sendFailure.get(), sendFailure.get());
            }
            long now = System.nanoTime();
            if (seen != lastSeen) {
                lastSeen = seen;
                lastChange = now;
            } else if (now - lastChange > stallTimeout.toNanos()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: outputs stalled at %,d of %,d (%,d dead letters) "
                        + "for %d s", what, seen, expected, watcher.deadLetters(), stallTimeout.toSeconds()));
            }
            if (progress != null && (now - lastPrint > progressInterval.toNanos() || seen >= expected)) {
                progress.accept(seen);
                lastPrint = now;
            }
            if (seen >= expected) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
