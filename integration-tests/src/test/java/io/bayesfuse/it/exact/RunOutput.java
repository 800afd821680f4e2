package io.bayesfuse.it.exact;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.schemas.serde.SpecificAvroDeserializer;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;

/**
 * The committed output of one run, as a {@code read_committed} consumer sees it: per key, the
 * estimates and fused posteriors in their order, each as the record's full text (every number as
 * Java prints a double, so two texts are equal only when every number is bit-equal) with the input
 * topic's name left out of the lineage and the estimate's site label left out (the runs being
 * compared have differently named topics and sites; partitions and offsets are kept).
 */
public record RunOutput(Map<String, List<String>> estimates, Map<String, List<String>> fused,
                        Map<String, List<String>> fusedChunks, int deadLetters) {

    /** How many records a consumer keeps looking for after the expected count, to catch duplicates. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    /**
     * Reads the run's output: waits for {@code expectedEstimates} and {@code expectedFused} records
     * (reporting progress), then a little longer for any extra ones.
     */
    public static RunOutput read(String bootstrapServers, String registryUrl, TopicNames topics, int expectedEstimates,
                                 int expectedFused, Duration timeout, IntConsumer progress) {
        return read(bootstrapServers, registryUrl, topics, expectedEstimates, expectedFused, 0, timeout, progress);
    }

    /** {@link #read(String, String, TopicNames, int, int, Duration, IntConsumer)} with fused chunks too. */
    public static RunOutput read(String bootstrapServers, String registryUrl, TopicNames topics, int expectedEstimates,
                                 int expectedFused, int expectedChunks, Duration timeout, IntConsumer progress) {
        Map<String, List<String>> estimates = byKey(read(bootstrapServers, topics.estimates(),
                avro(Estimate.class, registryUrl), expectedEstimates, timeout, progress), RunOutput::withoutTopic);
        Map<String, List<String>> fused = byKey(read(bootstrapServers, topics.fused(),
                avro(FusedPosterior.class, registryUrl), expectedFused, timeout, progress), RunOutput::withoutTopic);
        Map<String, List<String>> chunks = byKey(read(bootstrapServers, topics.fusedChunks(),
                avro(FusedChunk.class, registryUrl), expectedChunks, timeout, progress), RunOutput::withoutTopic);
        int deadLetters = read(bootstrapServers, topics.deadLetters(), new ByteArrayDeserializer(), 0, timeout, n -> { }).size();
        return new RunOutput(estimates, fused, chunks, deadLetters);
    }

    /** How many fused chunks. */
    public int fusedChunkCount() {
        return fusedChunks.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The run's committed output once the application has processed all its input, however much
     * output that is: waits until the application's consumer group has committed every record of the
     * input topics (under exactly-once its outputs are committed in the same transactions), then
     * reads each output topic to its end.
     */
    public static RunOutput readWhenProcessed(String bootstrapServers, String registryUrl, TopicNames topics, String applicationId,
                                              Duration timeout) {
        awaitInputCommitted(bootstrapServers, applicationId, List.of(topics.measurements(), topics.posteriorUpdates(),
                topics.posteriorChunks()), timeout);
        Map<String, List<String>> estimates = byKey(readToEnd(bootstrapServers, topics.estimates(),
                avro(Estimate.class, registryUrl)), RunOutput::withoutTopic);
        Map<String, List<String>> fused = byKey(readToEnd(bootstrapServers, topics.fused(),
                avro(FusedPosterior.class, registryUrl)), RunOutput::withoutTopic);
        Map<String, List<String>> chunks = byKey(readToEnd(bootstrapServers, topics.fusedChunks(),
                avro(FusedChunk.class, registryUrl)), RunOutput::withoutTopic);
        int deadLetters = readToEnd(bootstrapServers, topics.deadLetters(), new ByteArrayDeserializer()).size();
        return new RunOutput(estimates, fused, chunks, deadLetters);
    }

    private static void awaitInputCommitted(String bootstrapServers, String applicationId, List<String> inputs, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                List<String> behind = new ArrayList<>();
                ends.forEach((tp, end) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    long at = c == null ? 0 : c.offset();
                    if (at < end) {
                        behind.add(tp + " at " + at + " of " + end);
                    }
                });
                if (behind.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("application " + applicationId + " did not commit all its input within " + timeout
                            + ": " + behind);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + applicationId + ": " + e.getCause(), e.getCause());
        }
    }

    /** Every committed record of a topic, up to its end (its last stable offset). */
    private static <V> List<ConsumerRecord<String, V>> readToEnd(String bootstrapServers, String topic, Deserializer<V> values) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** How many estimates and fused posteriors. */
    public int estimateCount() {
        return estimates.values().stream().mapToInt(List::size).sum();
    }

    public int fusedCount() {
        return fused.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Where this output differs from {@code expected} (the first difference per topic, with its key
     * and position), or null when they are equal.
     */
    public String differenceFrom(RunOutput expected) {
        String estimateDifference = difference("estimates", expected.estimates, estimates);
        String fusedDifference = difference("fused", expected.fused, fused);
        String chunkDifference = difference("fused-chunks", expected.fusedChunks, fusedChunks);
        if (estimateDifference == null && fusedDifference == null && chunkDifference == null && deadLetters == expected.deadLetters) {
            return null;
        }
        return String.join("\n", "output differs from the uninterrupted run:",
                String.valueOf(estimateDifference), String.valueOf(fusedDifference), String.valueOf(chunkDifference),
                "dead letters: " + deadLetters + " (uninterrupted: " + expected.deadLetters + ")");
    }

    private static String difference(String topic, Map<String, List<String>> expected, Map<String, List<String>> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return topic + ": keys " + actual.keySet() + " but expected " + expected.keySet();
        }
        for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
            List<String> want = entry.getValue();
            List<String> got = actual.get(entry.getKey());
            for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                String w = i < want.size() ? want.get(i) : "(nothing: a duplicate or extra record)";
                String g = i < got.size() ? got.get(i) : "(nothing: a lost record)";
                if (!w.equals(g)) {
                    return topic + " of key " + entry.getKey() + ", record " + i + " of " + want.size()
                            + " (got " + got.size() + "):\n  expected " + w + "\n  got      " + g;
                }
            }
        }
        return null;
    }

    /**
     * The record's text with its lineage's topic and its site (which default to each run's own
     * names) blanked, in place: the record is this reader's own copy.
     */
    private static String withoutTopic(SpecificRecord value) {
        if (value instanceof Estimate e) {
            if (e.getLineage() != null) {   // a PREDICTED estimate has none
                e.getLineage().setTopic("");
            }
            e.setSite("");
        } else if (value instanceof FusedPosterior f && f.getLineage() != null) {
            f.getLineage().setTopic("");
        } else if (value instanceof FusedChunk c && c.getLineage() != null) {
            c.getLineage().setTopic("");
        }
        return value.toString();
    }

    private static <V> Map<String, List<String>> byKey(List<ConsumerRecord<String, V>> records,
                                                        java.util.function.Function<V, String> text) {
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, V> r : records) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value() == null ? "(tombstone)" : text.apply(r.value()));
        }
        return byKey;
    }

    private static <V extends SpecificRecord> Deserializer<V> avro(Class<V> type, String registryUrl) {
        SpecificAvroDeserializer<V> values = new SpecificAvroDeserializer<>(type);
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        return values;
    }

    /**
     * The committed records of a topic: at least {@code count} within {@code timeout}, then whatever
     * else arrives in a grace period (to catch duplicates).
     */
    public static <V> List<ConsumerRecord<String, V>> read(String bootstrapServers, String topic, Deserializer<V> values,
                                                            int count, Duration timeout, IntConsumer progress) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-exact-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() / 1000 != before / 1000) {
                    progress.accept(records.size());
                }
            }
            if (records.size() < count) {
                throw new AssertionError("read " + records.size() + " of " + count + " committed records from "
                        + topic + " within " + timeout);
            }
            long grace = System.nanoTime() + GRACE.toNanos();
            while (System.nanoTime() < grace) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
