package io.bayesfuse.it.env;

/**
 * Where the integration tests run: a Kafka cluster and a Confluent-API schema registry, with their
 * lifecycle. Chosen by the system property {@value TestEnvironments#PROPERTY}:
 * <ul>
 * <li>{@code embedded} (default): an in-process single-node KRaft broker and the embedded registry
 * (backed by the broker's {@code _schemas} topic); needs nothing installed;</li>
 * <li>{@code docker}: Kafka and a schema registry in containers through Testcontainers, for machines
 * with a Docker engine (apache/kafka and Confluent's registry by default; the images are properties,
 * see {@link DockerEnvironment});</li>
 * <li>{@code external}: a cluster and registry given by {@code bayesfuse.it.bootstrap.servers} and
 * {@code bayesfuse.it.schema.registry.url}.</li>
 * </ul>
 * An environment that was asked for and is not available fails the run with a message saying why;
 * it never skips tests.
 */
public interface TestEnvironment extends AutoCloseable {

    /** The environment's name, as given to {@value TestEnvironments#PROPERTY}. */
    String name();

    /** Kafka's bootstrap servers. */
    String bootstrapServers();

    /** The schema registry's URL. */
    String registryUrl();

    /**
     * Stops the broker and starts it again on the same address with its data kept (for tests of
     * broker restarts); environments that cannot do it throw {@link UnsupportedOperationException}
     * saying so.
     */
    void restartBroker();

    @Override
    void close();
}
