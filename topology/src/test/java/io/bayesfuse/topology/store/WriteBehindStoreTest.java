package io.bayesfuse.topology.store;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBehindStoreTest {

    private static final String STORE = "counts";

    @TempDir
    Path stateDir;

    /** Per record: adds 1 to its key's counter five times, reading it back each time, and forwards what it read last. */
    static final class FiveIncrements implements Processor<String, String, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (int i = 0; i < 5; i++) {
                Long seen = counts.get(record.key());
                counts.put(record.key(), seen == null ? 1L : seen + 1);
            }
            if ("drop".equals(record.value())) {
                counts.delete(record.key());
            }
            Long now = counts.get(record.key());
            context.forward(record.withValue(now == null ? -1L : now));
        }
    }

    /** The driver's input, output and the store's changelog. */
    private static final class Topics {
        final TestInputTopic<String, String> input;
        final TestOutputTopic<String, Long> output;
        final TestOutputTopic<String, Long> changelog;

        Topics(TopologyTestDriver driver) {
            input = driver.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
            output = driver.createOutputTopic("output", Serdes.String().deserializer(), Serdes.Long().deserializer());
            changelog = driver.createOutputTopic("write-behind-" + STORE + "-changelog", Serdes.String().deserializer(),
                    Serdes.Long().deserializer());
        }
    }

    private TopologyTestDriver driver(boolean cached) {
        var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "input")
                .addProcessor("increments", FiveIncrements::new, "in")
                .addStateStore(WriteBehindStore.builder(cached ? store.withCachingEnabled() : store, Duration.ofHours(1)), "increments")
                .addSink("out", "output", Serdes.String().serializer(), Serdes.Long().serializer(), "increments");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return new TopologyTestDriver(topology, props);
    }

    @Test
    void aKeyWrittenManyTimesInOneCommitReachesTheChangelogOnceWithItsNewestValue() {
        for (boolean cached : new boolean[]{true, false}) {
            try (TopologyTestDriver driver = driver(cached)) {
                Topics topics = new Topics(driver);

                topics.input.pipeInput("a", "x");   // the driver commits after every record
                topics.input.pipeInput("b", "x");
                topics.input.pipeInput("a", "x");

                assertThat(topics.output.readValuesToList()).as("reads see the newest writes (cached: %s)", cached)
                        .containsExactly(5L, 5L, 10L);
                assertThat(topics.changelog.readKeyValuesToList()).as("one changelog record per key and commit (cached: %s)", cached)
                        .containsExactly(KeyValue.pair("a", 5L), KeyValue.pair("b", 5L), KeyValue.pair("a", 10L));
                KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
                assertThat(store.get("a")).isEqualTo(10L);
            }
        }
    }

    @Test
    void aDeleteAfterWritesInTheSameCommitLeavesOnlyTheTombstone() {
        try (TopologyTestDriver driver = driver(true)) {
            Topics topics = new Topics(driver);

            topics.input.pipeInput("a", "x");
            topics.input.pipeInput("a", "drop");
            topics.input.pipeInput("a", "x");

            assertThat(topics.output.readValuesToList()).containsExactly(5L, -1L, 5L);
            assertThat(topics.changelog.readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 5L), KeyValue.pair("a", null), KeyValue.pair("a", 5L));
        }
    }

    @Test
    void theWritingThreadSeesItsValuesAndOtherThreadsTheLastFlushedOnes() throws Exception {
        MapStore<Long> beneath = new MapStore<>();
        WriteBehindStore<Long> store = new WriteBehindStore<>(beneath, Duration.ofHours(1));
        store.put("a", 1L);
        store.put("a", 2L);
        store.put("b", 7L);

        assertThat(store.get("a")).isEqualTo(2L);
        assertThat(beneath.writes).isEmpty();
        assertThat(fromAnotherThread(() -> store.get("a"))).isNull();
        assertThat(fromAnotherThread(() -> keys(store.all()))).isEmpty();

        store.flushCache();

        assertThat(beneath.writes).containsExactly(KeyValue.pair("a", 2L), KeyValue.pair("b", 7L));
        assertThat(store.pendingCount()).isZero();
        assertThat(fromAnotherThread(() -> store.get("a"))).isEqualTo(2L);
    }

    @Test
    void theWritersScansSeeItsNewestValues() {
        MapStore<Long> beneath = new MapStore<>();
        WriteBehindStore<Long> store = new WriteBehindStore<>(beneath, Duration.ofHours(1));
        beneath.put("a", 1L);
        store.put("b", 2L);
        store.put("a", 3L);

        assertThat(keys(store.range("a", "z"))).containsExactly("a", "b");
        assertThat(beneath.get("a")).isEqualTo(3L);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void closingOrClearingTheCacheDropsWhatWasNotFlushed() {
        MapStore<Long> beneath = new MapStore<>();
        WriteBehindStore<Long> store = new WriteBehindStore<>(beneath, Duration.ofHours(1));
        store.put("a", 1L);
        store.clearCache();
        store.flushCache();
        store.put("b", 1L);
        store.close();
        store.flushCache();

        assertThat(beneath.writes).isEmpty();
        assertThat(store.get("a")).isNull();
    }

    @Test
    void aPutWritesEverythingHeldOnceTheOldestWasHeldLongerThanTheBound() throws Exception {
        MapStore<Long> beneath = new MapStore<>();
        WriteBehindStore<Long> store = new WriteBehindStore<>(beneath, Duration.ofMillis(50));
        store.put("a", 1L);
        store.put("b", 1L);
        assertThat(beneath.writes).isEmpty();
        Thread.sleep(60);
        store.put("a", 2L);

        assertThat(beneath.writes).containsExactly(KeyValue.pair("a", 2L), KeyValue.pair("b", 1L));
        assertThat(store.pendingCount()).isZero();
        assertThat(fromAnotherThread(() -> store.get("a"))).isEqualTo(2L);

        WriteBehindStore<Long> atOnce = new WriteBehindStore<>(beneath, Duration.ZERO);
        atOnce.put("c", 3L);
        assertThat(beneath.get("c")).isEqualTo(3L);
    }

    @Test
    void aDeleteForgetsTheHeldValueAndDeletesBeneath() {
        MapStore<Long> beneath = new MapStore<>();
        WriteBehindStore<Long> store = new WriteBehindStore<>(beneath, Duration.ofHours(1));
        beneath.put("a", 1L);
        store.put("a", 2L);

        assertThat(store.delete("a")).isEqualTo(2L);
        assertThat(store.get("a")).isNull();
        store.flushCache();
        assertThat(beneath.get("a")).isNull();
        assertThat(store.putIfAbsent("a", 4L)).isNull();
        assertThat(store.putIfAbsent("a", 5L)).isEqualTo(4L);
    }

    private static <T> T fromAnotherThread(java.util.concurrent.Callable<T> read) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(read.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static List<String> keys(KeyValueIterator<String, Long> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** A sorted in-memory store that records every put, to see what reaches the store beneath. */
    static final class MapStore<V> implements KeyValueStore<String, V> {
        final java.util.TreeMap<String, V> map = new java.util.TreeMap<>();
        final List<KeyValue<String, V>> writes = new ArrayList<>();

        @Override
        public void put(String key, V value) {
            writes.add(KeyValue.pair(key, value));
            map.put(key, value);
        }

        @Override
        public V putIfAbsent(String key, V value) {
            V old = map.get(key);
            if (old == null) {
                put(key, value);
            }
            return old;
        }

        @Override
        public void putAll(List<KeyValue<String, V>> entries) {
            entries.forEach(e -> put(e.key, e.value));
        }

        @Override
        public V delete(String key) {
            return map.remove(key);
        }

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, V> range(String from, String to) {
            return iterator(new ArrayList<>(map.subMap(from, true, to, true).entrySet()));
        }

        @Override
        public KeyValueIterator<String, V> all() {
            return iterator(new ArrayList<>(map.entrySet()));
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private KeyValueIterator<String, V> iterator(List<java.util.Map.Entry<String, V>> entries) {
            var it = entries.iterator();
            return new KeyValueIterator<>() {
                @Override
                public void close() {
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<String, V> next() {
                    var e = it.next();
                    return KeyValue.pair(e.getKey(), e.getValue());
                }
            };
        }

        @Override
        public String name() {
            return "beneath";
        }

        @Override
        public void init(org.apache.kafka.streams.processor.StateStoreContext context,
                         org.apache.kafka.streams.processor.StateStore root) {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
