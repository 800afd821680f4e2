package io.bayesfuse.schemas.registry.server;

import io.bayesfuse.schemas.registry.RegistryErrorCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Keeps the registry in a compacted, single-partition Kafka topic ({@code _schemas} by default, as
 * Confluent's). At start-up the store replays the topic into its state, so ids, versions and
 * compatibility levels survive a restart; afterwards a reader thread keeps applying the topic.
 *
 * <p>Several registry instances may share the topic. A write is appended first and takes effect
 * only when the reader reaches it: the state's acceptance rules ({@link RegistryState#apply}) then
 * decide, identically in every instance, whether it won or lost a race (for an id or a version)
 * against another instance's write. The writer learns the outcome of its own record and the
 * registry retries a lost claim on the newer state. So ids never collide, without a leader.
 * Reads in one instance see another instance's writes as soon as its reader has applied them.
 */
public final class KafkaSchemaStore implements SchemaStore {

    /** Confluent's topic name. */
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final String WRITER_HEADER = "bayesfuse.registry.writer";

    private final String topic;
    private final TopicPartition partition;
    private final Duration timeout;
    private final String writerId = UUID.randomUUID().toString();
    private final RegistryRecordCodec codec = new RegistryRecordCodec();
    private final RegistryState state = new RegistryState();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Condition applied = lock.writeLock().newCondition();
    private final Map<Long, Boolean> ownOutcomes = new ConcurrentHashMap<>();
    private final Object writeOrder = new Object();
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Asks for the topic's end offset from request threads (the reader's consumer is the reader's alone). */
    private final KafkaConsumer<byte[], byte[]> endOffsets;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile long nextOffset;
    private volatile RuntimeException readerFailure;

    private KafkaSchemaStore(String topic, Map<String, Object> clientSettings, Duration timeout) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(producerSettings(clientSettings, writerId.substring(0, 8)), new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(consumerSettings(clientSettings, writerId.substring(0, 8)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.endOffsets = new KafkaConsumer<>(consumerSettings(clientSettings, writerId.substring(0, 8) + "-end"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::readLoop, "schema-registry-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /**
     * Opens the store: creates the topic if needed, replays it, and keeps following it.
     *
     * @param clientSettings Kafka client settings; {@code bootstrap.servers} is required, others
     *                       (security, etc.) are passed to the admin client, producer and consumer
     * @param timeout        how long start-up (topic creation, replay) and each write may take
     */
    public static KafkaSchemaStore open(Map<String, Object> clientSettings, String topic, Duration timeout) {
        if (!clientSettings.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("the Kafka schema store needs '" + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG + "'");
        }
        ensureTopic(clientSettings, topic, timeout);
        KafkaSchemaStore store = new KafkaSchemaStore(topic, clientSettings, timeout);
        try {
            store.replay();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** {@link #open(Map, String, Duration)} with the given bootstrap servers, topic {@code _schemas}, 60 s. */
    public static KafkaSchemaStore open(String bootstrapServers) {
        return open(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), DEFAULT_TOPIC, Duration.ofSeconds(60));
    }

    private static void ensureTopic(Map<String, Object> clientSettings, String topic, Duration timeout) {
        try (Admin admin = Admin.create(adminSettings(clientSettings, timeout))) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            NewTopic newTopic = new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("created the schema registry topic '{}'", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("schema registry topic '" + topic + "' has "
                        + description.partitions().size() + " partitions; it needs exactly 1 to keep its records in order");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or describe the schema registry topic '" + topic + "' at "
                    + clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the schema registry topic '" + topic + "'", e);
        }
    }

    private void replay() {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        reader.start();
        awaitApplied(end, "replaying topic '" + topic + "' up to offset " + end);
        LOG.info("schema registry state replayed from '{}' ({} records)", topic, end);
    }

    @Override
    public <T> T read(Function<RegistryState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean append(RegistryRecord record) {
        RegistryRecordCodec.Encoded encoded = codec.encode(record);
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(topic, 0, encoded.key(), encoded.value());
        message.headers().add(WRITER_HEADER, writerId.getBytes(StandardCharsets.UTF_8));
        synchronized (writeOrder) {
            long offset;
            try {
                offset = producer.send(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            } catch (ExecutionException | TimeoutException e) {
                throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR,
                        "could not write to the schema registry topic '" + topic + "': " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR, "interrupted while writing to '" + topic + "'", e);
            }
            awaitApplied(offset + 1, "applying the record written at offset " + offset + " of '" + topic + "'");
            Boolean accepted = ownOutcomes.remove(offset);
            if (accepted == null) {
                throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR, "the record written at offset "
                        + offset + " of '" + topic + "' was not found when the topic was read back");
            }
            return accepted;
        }
    }

    /**
     * Waits until the reader has applied the topic up to its current end: a schema another registry
     * instance just registered is then known here too (a deserializer asking this instance for an id
     * that a producer registered through another one must not get a 404 because this reader lags).
     */
    @Override
    public void catchUp() {
        long end;
        synchronized (endOffsets) {
            try {
                end = endOffsets.endOffsets(List.of(partition), timeout).get(partition);
            } catch (KafkaException e) {
                throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR,
                        "could not read the end of the schema registry topic '" + topic + "': " + e, e);
            }
        }
        awaitApplied(end, "catching up with topic '" + topic + "' to offset " + end);
    }

    /** Waits until every record before {@code offset} has been applied. */
    private void awaitApplied(long offset, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.writeLock().lock();
        try {
            while (nextOffset < offset) {
                if (readerFailure != null) {
                    throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR, "the schema registry stopped reading '"
                            + topic + "': " + readerFailure, readerFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RegistryErrorException(RegistryErrorCode.OPERATION_TIMEOUT, "timed out after " + timeout
                            + " " + what + " (read up to offset " + nextOffset + ")");
                }
                applied.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryErrorException(RegistryErrorCode.STORE_ERROR, "interrupted while " + what, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void readLoop() {
        try {
            while (running) {
                try {
                    readOnce();
                } catch (RetriableException e) {
                    LOG.debug("retrying to read '{}' after: {}", topic, e.toString());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("the schema registry stopped reading '{}'", topic, e);
                readerFailure = e;
                lock.writeLock().lock();
                try {
                    applied.signalAll();
                } finally {
                    lock.writeLock().unlock();
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void readOnce() {
        var records = consumer.poll(Duration.ofMillis(200));
        long afterLast = -1;
        lock.writeLock().lock();
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                apply(record);
                afterLast = record.offset() + 1;
            }
            advanceTo(afterLast);
        } finally {
            lock.writeLock().unlock();
        }
        // the position can lie beyond the last record (compacted gaps): that is what start-up waits for
        long position = consumer.position(partition);
        lock.writeLock().lock();
        try {
            advanceTo(position);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advanceTo(long offset) {
        if (offset > nextOffset) {
            nextOffset = offset;
            applied.signalAll();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        boolean accepted;
        try {
            Optional<RegistryRecord> decoded = codec.decode(record.key(), record.value());
            accepted = decoded.map(state::apply).orElse(false);
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping the malformed record at offset {} of '{}': {}", record.offset(), topic, e.getMessage());
            accepted = false;
        }
        Header writer = record.headers().lastHeader(WRITER_HEADER);
        if (writer != null && writerId.equals(new String(writer.value(), StandardCharsets.UTF_8))) {
            ownOutcomes.put(record.offset(), accepted);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.getState() == Thread.State.NEW) {
            // start-up failed before the reader (which closes the consumer) ran
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        producer.close(Duration.ofSeconds(5));
        synchronized (endOffsets) {
            endOffsets.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private static Map<String, Object> adminSettings(Map<String, Object> settings, Duration timeout) {
        Map<String, Object> admin = new HashMap<>(settings);
        admin.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return admin;
    }

    private static Map<String, Object> producerSettings(Map<String, Object> settings, String instance) {
        Map<String, Object> producer = new HashMap<>(settings);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + instance);
        return producer;
    }

    private static Map<String, Object> consumerSettings(Map<String, Object> settings, String instance) {
        Map<String, Object> consumer = new HashMap<>(settings);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + instance);
        return consumer;
    }
}
