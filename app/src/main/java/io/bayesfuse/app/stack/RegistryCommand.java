package io.bayesfuse.app.stack;

import io.bayesfuse.schemas.registry.CompatibilityLevel;
import io.bayesfuse.schemas.registry.server.InMemorySchemaStore;
import io.bayesfuse.schemas.registry.server.KafkaSchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.schemas.registry.server.SchemaStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bayesfuse registry}: the Confluent-compatible Schema Registry alone. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {
                "Run a Confluent-compatible Schema Registry (v1 REST API, Avro).",
                "Without --bootstrap-servers it keeps schemas in memory; with it, in a compacted Kafka topic, "
                        + "so ids and versions survive restarts (several instances may share the topic).",
                "Prints 'schema.registry.url=http://HOST:PORT' once it is up and runs until interrupted."},
        footer = {"", "Exit status: 130 after SIGINT, 143 after SIGTERM (stopped cleanly either way), "
                + "1 when it could not start."})
public final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "localhost", description = "Host to listen on and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}; Confluent's is 8081).")
    int port;

    @Option(names = "--bootstrap-servers", description = "Kafka to keep the schemas in (default: in memory only).")
    String bootstrapServers;

    @Option(names = "--schemas-topic", defaultValue = KafkaSchemaStore.DEFAULT_TOPIC, description = "Topic holding the schemas (default: ${DEFAULT-VALUE}).")
    String schemasTopic;

    @Option(names = "--default-compatibility", defaultValue = "BACKWARD",
            description = "Level in force until one is set through the API: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CompatibilityLevel defaultCompatibility;

    @Override
    public Integer call() throws InterruptedException {
        RunUntilStopped running = new RunUntilStopped("bayesfuse registry", System.err);
        try {
            SchemaStore store = bootstrapServers == null ? new InMemorySchemaStore()
                    : KafkaSchemaStore.open(Map.of("bootstrap.servers", bootstrapServers), schemasTopic, Duration.ofSeconds(60));
            SchemaRegistryServer registry = running.add(SchemaRegistryServer.builder().host(host).port(port)
                    .store(store).defaultCompatibility(defaultCompatibility).start());
            System.out.println("schema.registry.url=" + registry.url());
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println("bayesfuse registry: could not start: " + e.getMessage());
            running.closeAll();
            return 1;
        }
        running.await();
        return 0;
    }
}
