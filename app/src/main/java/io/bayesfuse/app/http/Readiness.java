package io.bayesfuse.app.http;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an instance is up and whether it processes, from what Kafka Streams reports: its state
 * (a state listener calls {@link #stateChanged}) and the restoration of its active tasks' and
 * global stores (this is its global {@link StateRestoreListener}; standby replicas report to a
 * standby listener, not here, and do not hold up processing).
 * <ul>
 * <li><b>live</b>: the process answers and Kafka Streams has not stopped or failed (ERROR,
 * PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN); also while it is being created and starts.</li>
 * <li><b>ready</b>: Kafka Streams is RUNNING and no store is being restored — records are being
 * processed. Not ready while it starts, rebalances (partitions move between instances) or restores
 * state from changelogs (after a crash, on a new machine, for a task that moved here).</li>
 * </ul>
 */
public final class Readiness implements StateRestoreListener {

    private static final Set<KafkaStreams.State> STOPPED = Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

    /** One store partition being restored: how many records of how many. */
    public record Restoring(String store, TopicPartition changelog, long restored, long total) {
    }

    private volatile KafkaStreams.State state;
    private final Map<TopicPartition, Restoring> restoring = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    /** Kafka Streams changed state (from its state listener). */
    public void stateChanged(KafkaStreams.State now) {
        state = now;
        if (ready()) {
            firstReady.complete(null);
        } else if (STOPPED.contains(now)) {
            firstReady.completeExceptionally(new IllegalStateException("Kafka Streams stopped (" + now + ") before it processed"));
        }
    }

    public boolean live() {
        KafkaStreams.State s = state;
        return s == null || !STOPPED.contains(s);
    }

    public boolean ready() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    /** Kafka Streams' state, or null before it was created. */
    public KafkaStreams.State state() {
        return state;
    }

    /** The store partitions being restored, by store and partition. */
    public List<Restoring> restoring() {
        return restoring.values().stream()
                .sorted(Comparator.comparing(Restoring::store).thenComparing(r -> r.changelog().toString())).toList();
    }

    /** Completes the first time the instance is ready (processing begins), exceptionally when Kafka Streams stops first. */
    public CompletableFuture<Void> firstReady() {
        return firstReady;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.put(partition, new Restoring(store, partition, 0, Math.max(0, endingOffset - startingOffset)));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoring.computeIfPresent(partition, (p, r) -> new Restoring(r.store(), p, r.restored() + numRestored, r.total()));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        finished(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        finished(partition);
    }

    private void finished(TopicPartition partition) {
        restoring.remove(partition);
        if (ready()) {
            firstReady.complete(null);
        }
    }
}
