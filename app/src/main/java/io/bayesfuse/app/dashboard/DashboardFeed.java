package io.bayesfuse.app.dashboard;

import io.bayesfuse.avro.Changepoint;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.Measurement;
import io.bayesfuse.avro.Truth;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads the topology's outputs for the dashboard: estimates, smoothed estimates, changepoints,
 * measurements, fused posteriors and dead letters, and with tracking the detection scans, the tracks
 * and the truth (handed to the {@link ScoreBoard}), committed records only (read_committed), from {@value #LOOKBACK_SECONDS} s before
 * it starts. It has no consumer group: every instance's dashboard sees every partition. Each
 * record becomes one dashboard event; a record it cannot read is skipped and counted, never fatal.
 */
final class DashboardFeed implements AutoCloseable {

    static final long LOOKBACK_SECONDS = 120;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final DashboardEvents events;
    private final Consumer<com.fasterxml.jackson.databind.node.ObjectNode> sink;
    private final SpecificAvroDeserializer<Estimate> estimates;
    private final SpecificAvroDeserializer<Measurement> measurements;
    private final SpecificAvroDeserializer<FusedPosterior> fused;
    private final SpecificAvroDeserializer<DeadLetter> deadLetters;
    private final SpecificAvroDeserializer<Changepoint> changepoints;
    private final SpecificAvroDeserializer<DetectionScan> scans;
    private final SpecificAvroDeserializer<Truth> truths;
    private final boolean tracking;
    private final ScoreBoard scores;
    private final Thread thread;
    private volatile boolean running = true;
    private long unreadable;

    /**
     * @param tracking whether the deployment tracks regions: then the detections, tracks and truth topics are read too
     * @param scores   where estimates and truth are paired to score the filters
     */
    DashboardFeed(Map<String, Object> clientSettings, Map<String, ?> serdeSettings, TopicNames topics,
                  DashboardEvents events, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> sink, boolean tracking,
                  ScoreBoard scores) {
        this.tracking = tracking;
        this.scores = scores;
        this.topics = topics;
        this.events = events;
        this.sink = sink;
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bayesfuse-dashboard-" + Long.toHexString(System.nanoTime()));
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.estimates = deserializer(Estimate.class, serdeSettings);
        this.measurements = deserializer(Measurement.class, serdeSettings);
        this.fused = deserializer(FusedPosterior.class, serdeSettings);
        this.deadLetters = deserializer(DeadLetter.class, serdeSettings);
        this.changepoints = deserializer(Changepoint.class, serdeSettings);
        this.scans = deserializer(DetectionScan.class, serdeSettings);
        this.truths = deserializer(Truth.class, serdeSettings);
        this.thread = new Thread(this::run, "bayesfuse-dashboard-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            assignFromLookback();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(1000);
                    assignFromLookback();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("the dashboard feed stopped: {}", e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignFromLookback() {
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> read = new ArrayList<>(List.of(topics.estimates(), topics.measurements(), topics.fused(),
                topics.deadLetters(), topics.smoothed(), topics.changepoints()));
        if (tracking) {
            read.addAll(List.of(topics.detections(), topics.tracks(), topics.truth()));
        }
        for (String topic : read) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = System.currentTimeMillis() - LOOKBACK_SECONDS * 1000;
        partitions.forEach(p -> since.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(10));
        List<TopicPartition> atEnd = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp offset = offsets.get(p);
            if (offset == null) {
                atEnd.add(p);
            } else {
                consumer.seek(p, offset.offset());
            }
        }
        consumer.seekToEnd(atEnd);
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            // a tombstone on fused: no source contributes to that quantity any more
            if (record.topic().equals(topics.fused()) && record.key() != null) {
                sink.accept(events.fusedRemoved(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)));
            }
            return;
        }
        try {
            String topic = record.topic();
            com.fasterxml.jackson.databind.node.ObjectNode event;
            if (topic.equals(topics.estimates())) {
                Estimate estimate = estimates.deserialize(topic, record.value());
                scores.estimate(estimate);
                event = events.estimate(estimate);
            } else if (tracking && topic.equals(topics.tracks())) {
                event = events.track(estimates.deserialize(topic, record.value()));
            } else if (tracking && topic.equals(topics.detections())) {
                event = events.scan(scans.deserialize(topic, record.value()), record.timestamp());
            } else if (tracking && topic.equals(topics.truth())) {
                scores.truth(truths.deserialize(topic, record.value()));
                event = null;
            } else if (topic.equals(topics.measurements())) {
                event = events.measurement(measurements.deserialize(topic, record.value()), record.timestamp());
            } else if (topic.equals(topics.smoothed())) {
                event = events.smoothed(estimates.deserialize(topic, record.value()));
            } else if (topic.equals(topics.changepoints())) {
                event = events.changepoint(changepoints.deserialize(topic, record.value()));
            } else if (topic.equals(topics.fused())) {
                event = events.fused(fused.deserialize(topic, record.value()));
            } else {
                event = events.deadLetter(deadLetters.deserialize(topic, record.value()));
            }
            if (event != null) {
                sink.accept(event);
            }
        } catch (RuntimeException e) {
            if (unreadable++ % 100 == 0) {
                LOG.debug("dashboard feed: cannot read a record of {} at offset {}: {}", record.topic(), record.offset(),
                        e.toString());
            }
        }
    }

    private static <T extends SpecificRecord> SpecificAvroDeserializer<T> deserializer(Class<T> type, Map<String, ?> settings) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type);
        deserializer.configure(settings, false);
        return deserializer;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
