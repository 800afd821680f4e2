package io.bayesfuse.it.env;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * Kafka (KRaft, with a separate listener for containers on the test network) and a Confluent-API
 * schema registry in containers, through Testcontainers. The images are properties:
 * {@value #KAFKA_IMAGE_PROPERTY} (default {@code apache/kafka:4.3.1}, or an image configured the same
 * way, such as the local one deploy/images/build makes) and {@value #REGISTRY_IMAGE_PROPERTY} (default
 * Confluent's {@code cp-schema-registry}, or the project's registry image, which takes the same
 * settings). Where the tests run inside a container, set {@code TESTCONTAINERS_RYUK_DISABLED=true} and
 * {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}. Without an engine the run fails at once, saying so.
 */
final class DockerEnvironment implements TestEnvironment {

    static final String KAFKA_IMAGE_PROPERTY = "bayesfuse.it.kafka.image";
    static final String REGISTRY_IMAGE_PROPERTY = "bayesfuse.it.registry.image";
    static final String KAFKA_IMAGE = System.getProperty(KAFKA_IMAGE_PROPERTY, "apache/kafka:4.3.1");
    static final String REGISTRY_IMAGE = System.getProperty(REGISTRY_IMAGE_PROPERTY, "confluentinc/cp-schema-registry:7.9.1");
    private static final int KAFKA_PORT = 9092;

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private DockerEnvironment() {
        network = Network.newNetwork();
        int hostPort = freePort();
        // any image started and configured as apache/kafka is (the local one is) stands in for it
        kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE).asCompatibleSubstituteFor("apache/kafka"))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withListener("kafka:19092")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                // a fixed host port, so that the broker keeps its advertised address across restarts
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(KAFKA_PORT))));
        registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        try {
            kafka.start();
            registry.start();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(TestEnvironments.PROPERTY + "=docker: the containers did not start (Kafka "
                    + KAFKA_IMAGE + ", registry " + REGISTRY_IMAGE + "; images are chosen with -D" + KAFKA_IMAGE_PROPERTY
                    + " and -D" + REGISTRY_IMAGE_PROPERTY + "): " + e.getMessage(), e);
        }
    }

    static DockerEnvironment start() {
        DockerEngine.require(System.getenv());
        return new DockerEnvironment();
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void restartBroker() {
        var docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(kafka.getContainerId()).exec();
        docker.startContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
