package io.bayesfuse.app.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A single-node Kafka (KRaft broker and controller in one) running inside this JVM, from Kafka's
 * production classes: the data directory is formatted with Kafka's storage formatter, then a
 * {@link KafkaRaftServer} is started on it. {@link #close()} shuts it down cleanly and deletes a
 * temporary data directory.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults())) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final boolean temporary;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDirectory, boolean temporary) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /**
     * Formats (if needed) and starts the broker; returns once it accepts clients.
     *
     * @throws IllegalStateException naming the data directory or ports when it cannot start
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        long started = System.nanoTime();
        boolean temporary = settings.dataDirectory().isEmpty();
        Path dataDirectory = settings.dataDirectory().orElseGet(EmbeddedKafkaBroker::temporaryDirectory);
        try {
            Files.createDirectories(dataDirectory);
            int port = FreePort.orFree(settings.port(), settings.host());
            int controllerPort = FreePort.orFree(settings.controllerPort(), "127.0.0.1");
            int internalPort = FreePort.on("127.0.0.1");
            Properties properties = SingleNodeConfig.of(settings.host(), port, internalPort, controllerPort,
                    dataDirectory, settings.overrides());
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            boolean formatted = StorageFormat.ensureFormatted(dataDirectory, config.metadataLogDir());
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                throw e;
            }
            String bootstrap = settings.host() + ":" + port;
            LOG.info("Kafka broker started at {} in {} ms ({} data directory {})", bootstrap,
                    (System.nanoTime() - started) / 1_000_000, formatted ? "new" : "existing", dataDirectory);
            return new EmbeddedKafkaBroker(server, bootstrap, dataDirectory, temporary);
        } catch (IOException e) {
            cleanUp(temporary, dataDirectory);
            throw new UncheckedIOException("cannot create the Kafka data directory " + dataDirectory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(temporary, dataDirectory);
            throw new IllegalStateException("the embedded Kafka broker (" + settings.host() + ", port "
                    + (settings.port() == 0 ? "any" : settings.port()) + ", data " + dataDirectory
                    + ") did not start: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the broker, waits for it, and deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        cleanUp(temporary, dataDirectory);
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bayesfuse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Kafka data directory: " + e.getMessage(), e);
        }
    }

    private static void cleanUp(boolean temporary, Path directory) {
        if (!temporary || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the temporary Kafka data directory {}: {}", directory, e.getMessage());
        }
    }
}
