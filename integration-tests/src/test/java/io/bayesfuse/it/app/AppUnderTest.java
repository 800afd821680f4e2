package io.bayesfuse.it.app;

import io.bayesfuse.app.run.TopicProvisioner;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.topology.StreamsSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * bayesfuse's topology running in this JVM against a test environment, with its own application id
 * and topic prefix so that test classes never see each other's data.
 */
public final class AppUnderTest implements AutoCloseable {

    public final BayesfuseConfig config;
    public final TopicNames topics;
    private final TestEnvironment environment;
    private final KafkaStreams streams;
    private final List<Throwable> uncaught = new ArrayList<>();

    private AppUnderTest(TestEnvironment environment, BayesfuseConfig config, Path stateDir, int partitions) {
        this.environment = environment;
        this.config = config;
        this.topics = config.application().topicNames();
        createTopics(environment, topics, partitions);
        Map<String, Object> settings = StreamsSettings.of(config);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
        settings.put("schema.registry.url", environment.registryUrl());
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        Properties props = new Properties();
        props.putAll(settings);
        streams = new KafkaStreams(new BayesfuseTopology(config, settings).build(), props);
        streams.setUncaughtExceptionHandler(e -> {
            synchronized (uncaught) {
                uncaught.add(e);
            }
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /**
     * Starts the topology of {@code yaml} (its application and topics sections are replaced by a
     * unique id and prefix) and waits until it runs.
     */
    public static AppUnderTest start(TestEnvironment environment, String name, String yaml) throws Exception {
        return start(environment, name, yaml, 3);
    }

    /** {@link #start(TestEnvironment, String, String)} with {@code partitions} partitions for the data topics. */
    public static AppUnderTest start(TestEnvironment environment, String name, String yaml, int partitions) throws Exception {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String withApplication = "application: {id: " + unique + ", topicPrefix: " + unique + ".}\n" + yaml;
        AppUnderTest app = new AppUnderTest(environment, ConfigLoader.parse(withApplication, name),
                Files.createTempDirectory("bayesfuse-it-state"), partitions);
        app.streams.start();
        app.awaitRunning(Duration.ofSeconds(60));
        return app;
    }

    public String bootstrapServers() {
        return environment.bootstrapServers();
    }

    public String registryUrl() {
        return environment.registryUrl();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Exceptions that reached the uncaught-exception handler (none, if bad input never stops a thread). */
    public List<Throwable> uncaughtExceptions() {
        synchronized (uncaught) {
            return List.copyOf(uncaught);
        }
    }

    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the application is " + streams.state() + ", not RUNNING, after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
    }

    /**
     * The application's topics (the config topics with one partition and compaction). The data
     * topics keep records forever: test data carries event times from the reference files (epoch
     * 1970), and Kafka rolls and deletes segments whose record timestamps are older than the
     * retention period, so with the default seven days early records would vanish mid-test.
     */
    public static void createTopics(TestEnvironment environment, TopicNames t, int partitions) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, String> forever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        List<NewTopic> wanted = List.of(
                new NewTopic(t.measurements(), partitions, (short) 1).configs(forever),
                new NewTopic(t.posteriorUpdates(), partitions, (short) 1).configs(forever),
                new NewTopic(t.estimates(), partitions, (short) 1).configs(forever),
                new NewTopic(t.fused(), partitions, (short) 1).configs(forever),
                new NewTopic(t.deadLetters(), 1, (short) 1).configs(forever),
                new NewTopic(t.changepoints(), partitions, (short) 1).configs(forever),
                new NewTopic(t.smoothed(), partitions, (short) 1).configs(forever),
                new NewTopic(t.posteriorChunks(), partitions, (short) 1).configs(forever),
                new NewTopic(t.fusedChunks(), partitions, (short) 1).configs(forever),
                new NewTopic(t.detections(), partitions, (short) 1).configs(forever),
                new NewTopic(t.tracks(), partitions, (short) 1).configs(forever),
                new NewTopic(t.truth(), partitions, (short) 1).configs(forever),
                new NewTopic(t.examples(), partitions, (short) 1).configs(forever),
                new NewTopic(t.config(), 1, (short) 1).configs(compacted),
                new NewTopic(t.validatedConfig(), 1, (short) 1).configs(compacted));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e);
                    }
                }
            }
            // as 'run' does: a topic just created is not at once in every broker's metadata, and a global
            // store initialised before its topic is visible stops the instance
            TopicProvisioner.awaitVisible(admin, wanted.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
