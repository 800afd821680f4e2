package io.bayesfuse.app.stack;

import io.bayesfuse.app.embedded.BrokerSettings;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import io.bayesfuse.schemas.registry.server.KafkaSchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bayesfuse stack}: an embedded Kafka broker and Schema Registry for local runs. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {
                "Start a single-node Kafka broker (KRaft) and a Confluent-compatible Schema Registry in this process.",
                "The registry keeps its schemas in the broker's compacted topic _schemas, so with --data-dir both "
                        + "topics and schemas survive a restart.",
                "Prints, each on its own line, once both are up:",
                "  bootstrap.servers=HOST:PORT",
                "  schema.registry.url=http://HOST:PORT",
                "then runs until interrupted (Ctrl-C / SIGINT or SIGTERM) and shuts both down cleanly."},
        footer = {"", "Exit status: 130 after SIGINT, 143 after SIGTERM (the stack stopped cleanly either way), "
                + "1 when it could not start."})
public final class StackCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "localhost", description = "Host the broker and registry listen on and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Broker client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "0", description = "KRaft controller port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "0", description = "Schema Registry port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--data-dir", description = "Broker data directory, kept across runs (default: a temporary directory, deleted at exit).")
    Path dataDirectory;

    @Option(names = "--schemas-topic", defaultValue = KafkaSchemaStore.DEFAULT_TOPIC, description = "Topic holding the registry's schemas (default: ${DEFAULT-VALUE}).")
    String schemasTopic;

    @Override
    public Integer call() throws InterruptedException {
        RunUntilStopped stack = new RunUntilStopped("bayesfuse stack", System.err);
        try {
            BrokerSettings settings = BrokerSettings.defaults().withHost(host).withPort(kafkaPort)
                    .withControllerPort(controllerPort);
            if (dataDirectory != null) {
                settings = settings.withDataDirectory(dataDirectory.toAbsolutePath());
            }
            EmbeddedKafkaBroker broker = stack.add(EmbeddedKafkaBroker.start(settings));
            KafkaSchemaStore store = KafkaSchemaStore.open(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    schemasTopic, Duration.ofSeconds(60));
            SchemaRegistryServer registry = stack.add(SchemaRegistryServer.builder().host(host).port(registryPort)
                    .store(store).start());
            System.out.println("bootstrap.servers=" + broker.bootstrapServers());
            System.out.println("schema.registry.url=" + registry.url());
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println("bayesfuse stack: could not start: " + e.getMessage());
            stack.closeAll();
            return 1;
        }
        stack.await();
        return 0;
    }
}
