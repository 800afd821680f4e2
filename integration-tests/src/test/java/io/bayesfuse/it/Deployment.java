package io.bayesfuse.it;

import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.exact.Workload;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.TopicNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A deployment of {@link Workload#CONFIG} run by {@code bayesfuse run} in child JVMs, as an operator
 * runs it: one configuration file, settings from the environment, each instance with its own state
 * directory and HTTP port. Its topics are created up front (records kept forever).
 */
final class Deployment {

    final String applicationId;
    final TopicNames topics;
    private final TestEnvironment environment;
    private final Path work;
    private final Path configFile;

    private Deployment(TestEnvironment environment, Path work, String applicationId, Path configFile, TopicNames topics) {
        this.environment = environment;
        this.work = work;
        this.applicationId = applicationId;
        this.configFile = configFile;
        this.topics = topics;
    }

    /**
     * @param kafka extra Kafka Streams settings (YAML flow-map entries, e.g. {@code "num.standby.replicas: 1"})
     */
    static Deployment create(TestEnvironment environment, Path work, String name, int partitions, String kafka) throws Exception {
        return create(environment, work, name, partitions, kafka, Workload.CONFIG);
    }

    /** A deployment of another configuration (its sections after application and kafka). */
    static Deployment create(TestEnvironment environment, Path work, String name, int partitions, String kafka,
                             String config) throws Exception {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                application: {id: %s, topicPrefix: %s., partitions: %d}
                kafka: {commit.interval.ms: 100, session.timeout.ms: 6000, heartbeat.interval.ms: 1500%s}
                """.formatted(id, id, partitions, kafka.isEmpty() ? "" : ", " + kafka) + config;
        Path file = work.resolve(id + ".yaml");
        Files.writeString(file, yaml);
        TopicNames topics = ConfigLoader.parse(yaml, file.toString()).application().topicNames();
        AppUnderTest.createTopics(environment, topics, partitions);
        return new Deployment(environment, work, id, file, topics);
    }

    /** The state directory of instance {@code n}. */
    Path stateDirectory(int n) {
        return work.resolve("state-" + n);
    }

    /** Starts instance {@code n} and waits for its {@code dashboard=} line; returns it with its URL. */
    Instance start(int n) throws Exception {
        AppProcess process = AppProcess.start(work, Map.of(
                "BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS", environment.bootstrapServers(),
                "BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL", environment.registryUrl(),
                "BAYESFUSE_KAFKA_STATE_DIR", stateDirectory(n).toString(),
                "BAYESFUSE_HTTP_PORT", "0"), "run", "--config", configFile.toString());
        try {
            return new Instance(process, process.awaitLine("dashboard=", Duration.ofSeconds(120)));
        } catch (Throwable e) {
            process.close();
            throw e;
        }
    }

    /** Deletes instance {@code n}'s state directory: its next start restores every store from the changelogs. */
    void wipeState(int n) throws IOException {
        Path directory = stateDirectory(n);
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A running instance and its dashboard URL. */
    record Instance(AppProcess process, String url) implements AutoCloseable {

        /** {@code host:port}, as the API's {@code servedBy} names an instance. */
        String address() {
            return url.replaceFirst("^http://", "").replaceFirst("/$", "");
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
