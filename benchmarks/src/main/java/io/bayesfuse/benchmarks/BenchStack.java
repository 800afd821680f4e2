package io.bayesfuse.benchmarks;

import io.bayesfuse.app.embedded.BrokerSettings;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;

/**
 * The Kafka cluster and schema registry a benchmark runs against: an embedded single-node KRaft
 * broker and an in-memory registry in this process, or given ones.
 */
public final class BenchStack implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;

    private BenchStack(String bootstrapServers, String registryUrl, EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.broker = broker;
        this.registry = registry;
    }

    /** The given cluster and registry when {@code bootstrap} is set (then {@code registryUrl} must be too), else embedded ones. */
    public static BenchStack open(String bootstrap, String registryUrl) {
        if (bootstrap != null) {
            if (registryUrl == null) {
                throw new IllegalArgumentException("--bootstrap needs --registry (the schema registry of that cluster)");
            }
            return new BenchStack(bootstrap, registryUrl, null, null);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults());
        try {
            SchemaRegistryServer registry = SchemaRegistryServer.builder().host("localhost").port(0).start();
            return new BenchStack(broker.bootstrapServers(), registry.url(), broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public boolean embedded() {
        return broker != null;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
