package io.bayesfuse.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap's high-water marks of this JVM (everything in it: the embedded broker and registry,
 * Kafka Streams, the producer and the consumers) from {@link #start()} on:
 * <ul>
 *   <li>{@code usedPeakBytes}: the largest heap occupancy ({@link java.lang.management.MemoryMXBean#getHeapMemoryUsage()},
 *       used) sampled every {@value #SAMPLE_MILLIS} ms: the high-water mark, garbage included, up to what
 *       happens between two samples;</li>
 *   <li>{@code poolPeakSumBytes}: the sum over the heap's memory pools (G1: eden, survivor, old) of each
 *       pool's peak usage ({@link MemoryPoolMXBean#getPeakUsage()}, reset at the start). The pools
 *       may peak at different moments, so this bounds the simultaneous peak from above; it counts
 *       garbage too (eden fills up to its size before each young collection).</li>
 *   <li>{@code afterGcPeakBytes}: the largest heap occupancy right after a collection (the
 *       collectors' notifications): live data plus old-generation garbage not yet collected,
 *       the nearest to "what had to fit".</li>
 *   <li>the number of collections and their accumulated time.</li>
 * </ul>
 */
final class HeapWatermark implements AutoCloseable {

    /** What was measured between {@link #start()} and {@link #read()}. */
    record Reading(long usedPeakBytes, long afterGcPeakBytes, long poolPeakSumBytes, Map<String, Long> poolPeakBytes,
                   long collections, long collectionMillis, long maxHeapBytes) {
    }

    static final long SAMPLE_MILLIS = 10;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong afterGcPeak = new AtomicLong();
    private final AtomicLong usedPeak = new AtomicLong();
    private volatile boolean sampling;
    private Thread sampler;
    private final NotificationListener listener = this::collected;
    private long collectionsAtStart;
    private long collectionMillisAtStart;

    /** Collects the garbage of what ran before (so that it is not counted here), resets the peaks and starts listening. */
    HeapWatermark start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        afterGcPeak.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        usedPeak.set(afterGcPeak.get());
        collectionsAtStart = collections();
        collectionMillisAtStart = collectionMillis();
        sampling = true;
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        return this;
    }

    /** The marks from {@link #start()} to now. */
    Reading read() {
        recordUsed();
        Map<String, Long> pools = new TreeMap<>();
        heapPools.forEach(pool -> pools.put(pool.getName(), pool.getPeakUsage().getUsed()));
        long sum = pools.values().stream().mapToLong(Long::longValue).sum();
        return new Reading(usedPeak.get(), afterGcPeak.get(), sum, pools, collections() - collectionsAtStart,
                collectionMillis() - collectionMillisAtStart, Runtime.getRuntime().maxMemory());
    }

    private void sample() {
        while (sampling) {
            recordUsed();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void recordUsed() {
        usedPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        afterGcPeak.accumulateAndGet(after, Math::max);
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    }

    @Override
    public void close() {
        sampling = false;
        if (sampler != null) {
            sampler.interrupt();
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // not registered: nothing to remove
                }
            }
        }
    }
}
