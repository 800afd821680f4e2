package io.bayesfuse.benchmarks;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a downstream reader sees: a {@code read_committed} consumer of the output topics (and the
 * dead-letter topic) on its own thread, from their beginning. Each output record's latency is the
 * time it became visible here minus its record timestamp, which the stages carry over from the
 * input, whose producer stamps it with the wall clock. Values are not decoded: only arrival counts.
 */
public final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> outputTopics;
    private final String deadLetterTopic;
    private final Thread thread;
    private final int inputsPerOutput;
    private final boolean chunksAsOne;
    private final AtomicLong outputs = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile LatencyRecorder latency = new LatencyRecorder();
    private volatile ThroughputMeter meter = new ThroughputMeter();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * @param deadLetterTopic counted apart from the outputs; null for none
     */
    public OutputWatcher(String bootstrapServers, List<String> outputTopics, String deadLetterTopic, String name) {
        this(bootstrapServers, outputTopics, deadLetterTopic, name, 1, false);
    }

    /**
     * @param inputsPerOutput how many inputs one output stands for (a learner publishes once per
     *                        mini-batch); outputs are counted by their first chunk only (a chunked
     *                        posterior's records keyed {@code id#1}, {@code id#2}… are part of the same output)
     */
    public OutputWatcher(String bootstrapServers, List<String> outputTopics, String deadLetterTopic, String name,
                         int inputsPerOutput) {
        this(bootstrapServers, outputTopics, deadLetterTopic, name, inputsPerOutput, true);
    }

    /** @param chunksAsOne count a chunked posterior's records as one output (else every record is one) */
    private OutputWatcher(String bootstrapServers, List<String> outputTopics, String deadLetterTopic, String name,
                          int inputsPerOutput, boolean chunksAsOne) {
        this.inputsPerOutput = inputsPerOutput;
        this.chunksAsOne = chunksAsOne;
        this.outputTopics = List.copyOf(outputTopics);
        this.deadLetterTopic = deadLetterTopic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-watcher-" + name,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<String> topics = new ArrayList<>(this.outputTopics);
        if (deadLetterTopic != null) {
            topics.add(deadLetterTopic);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "bench-watcher-" + name);
        this.thread.setDaemon(true);
    }

    public OutputWatcher start() {
        thread.start();
        return this;
    }

    /** From now on, output latencies and throughput go to these. */
    public void measureWith(LatencyRecorder newLatency, ThroughputMeter newMeter) {
        this.latency = newLatency;
        this.meter = newMeter;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    if (record.topic().equals(deadLetterTopic)) {
                        deadLetters.incrementAndGet();
                    } else if (!chunksAsOne || firstOfItsOutput(record.key())) {
                        outputs.addAndGet(inputsPerOutput);
                        latency.record(now - record.timestamp());
                        meter.outputsSeen(inputsPerOutput);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether a record starts an output: not a later chunk ({@code id#i}, i &gt; 0) of a chunked posterior. */
    private static boolean firstOfItsOutput(byte[] key) {
        if (key == null) {
            return true;
        }
        String text = new String(key, java.nio.charset.StandardCharsets.UTF_8);
        int hash = text.lastIndexOf('#');
        return hash < 0 || text.substring(hash + 1).equals("0");
    }

    /** Output records seen so far (all phases), each counted as the inputs it stands for. */
    public long outputs() {
        throwIfFailed();
        return outputs.get();
    }

    public long deadLetters() {
        throwIfFailed();
        return deadLetters.get();
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException("the output consumer failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
