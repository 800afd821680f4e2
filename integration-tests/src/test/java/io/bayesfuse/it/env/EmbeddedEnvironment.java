package io.bayesfuse.it.env;

import io.bayesfuse.app.embedded.BrokerSettings;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import io.bayesfuse.schemas.registry.server.KafkaSchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process single-node KRaft broker on fixed free ports with a data directory of its own (so it
 * can be restarted in place) and the embedded registry keeping its schemas on that broker.
 */
final class EmbeddedEnvironment implements TestEnvironment {

    private final BrokerSettings settings;
    private EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;

    private EmbeddedEnvironment(BrokerSettings settings) {
        this.settings = settings;
        this.broker = EmbeddedKafkaBroker.start(settings);
        this.registry = SchemaRegistryServer.builder().port(0)
                .store(KafkaSchemaStore.open(broker.bootstrapServers())).start();
    }

    static EmbeddedEnvironment start() {
        try {
            Path data = Files.createTempDirectory("bayesfuse-it-broker");
            return new EmbeddedEnvironment(BrokerSettings.defaults()
                    .withPort(freePort()).withControllerPort(freePort()).withDataDirectory(data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded broker's data directory", e);
        }
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    @Override
    public synchronized void restartBroker() {
        broker.close();
        broker = EmbeddedKafkaBroker.start(settings);
    }

    @Override
    public synchronized void close() {
        registry.close();
        broker.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
