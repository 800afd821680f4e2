package io.bayesfuse.it.env;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster and registry that already run, given by {@code bayesfuse.it.bootstrap.servers} and
 * {@code bayesfuse.it.schema.registry.url}. Both are checked at start: an unreachable one fails the run.
 */
final class ExternalEnvironment implements TestEnvironment {

    static final String BOOTSTRAP = "bayesfuse.it.bootstrap.servers";
    static final String REGISTRY = "bayesfuse.it.schema.registry.url";

    private final String bootstrapServers;
    private final String registryUrl;

    private ExternalEnvironment(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    static ExternalEnvironment fromSystemProperties() {
        String bootstrap = required(BOOTSTRAP);
        String registry = required(REGISTRY);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(TestEnvironments.PROPERTY + "=external: no Kafka cluster answers at "
                    + BOOTSTRAP + "=" + bootstrap + ": " + e, e);
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(registry + "/subjects")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /subjects answered " + response.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(TestEnvironments.PROPERTY + "=external: no schema registry answers at "
                    + REGISTRY + "=" + registry + ": " + e, e);
        }
        return new ExternalEnvironment(bootstrap, registry);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(TestEnvironments.PROPERTY + "=external needs -D" + property);
        }
        return value;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String registryUrl() {
        return registryUrl;
    }

    @Override
    public void restartBroker() {
        throw new UnsupportedOperationException("the external environment cannot restart the cluster it was given;"
                + " run the broker-restart test in the embedded or docker environment");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
