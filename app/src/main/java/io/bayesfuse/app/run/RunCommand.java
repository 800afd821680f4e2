package io.bayesfuse.app.run;

import io.bayesfuse.app.stack.RunUntilStopped;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.EnvironmentOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bayesfuse run}: the topology against an existing Kafka cluster and schema registry. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Run the bayesfuse topology (the filter stage when the configuration has a filter, the fusion stage "
                        + "when it has fusion settings) against an existing Kafka "
                        + "cluster and Confluent-compatible schema registry, with the dashboard and HTTP API.",
                "Creates missing topics (application.partitions, application.replicationFactor; the config topics "
                        + "compacted with one partition). Several instances with the same application.id share the work; "
                        + "each must advertise an HTTP address the others can reach (http.advertisedHost).",
                "Prints 'dashboard=URL' once started, 'ready in N ms' when it begins to process records (Kafka Streams "
                        + "RUNNING, no state being restored: what /health/ready answers), and runs until interrupted "
                        + "(Ctrl-C / SIGTERM)."},
        footer = {"",
                "Environment variables override the configuration file:",
                "  BAYESFUSE_KAFKA_<NAME>            kafka.<name>, e.g. BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS -> bootstrap.servers",
                "  BAYESFUSE_SCHEMA_REGISTRY_<NAME>  schemaRegistry.<name>, e.g. BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL",
                "  BAYESFUSE_HTTP_HOST, BAYESFUSE_HTTP_PORT, BAYESFUSE_HTTP_ADVERTISED_HOST",
                "  In <NAME>: '_' stands for '.', '__' for '_', '___' for '-' (BAYESFUSE_KAFKA_SASL_JAAS_CONFIG -> sasl.jaas.config).",
                "",
                "Exit status: 130 after SIGINT, 143 after SIGTERM (stopped cleanly either way), "
                        + "2 for invalid configuration, 1 when it could not start or stopped on a failure it cannot "
                        + "recover from (the message names the setting to change)."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The configuration file (YAML).")
    Path config;

    /** The environment overrides are read from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        BayesfuseConfig loaded;
        try {
            loaded = EnvironmentOverrides.apply(ConfigLoader.load(config), environment);
        } catch (ConfigException e) {
            System.err.println("bayesfuse run: " + e.getMessage());
            return 2;
        }
        for (EnvironmentOverrides.Override o : EnvironmentOverrides.overrides(environment)) {
            System.err.println("bayesfuse run: " + o.setting() + " from " + o.variable());
        }
        RunUntilStopped running = new RunUntilStopped("bayesfuse run", System.err);
        try {
            BayesfuseInstance instance = running.add(BayesfuseInstance.start(loaded, Map.of(),
                    loaded.application().idOrDefault()));
            System.out.println("dashboard=" + instance.url());
            System.out.flush();
            instance.readiness().firstReady().thenRun(() -> {
                System.out.println(ReadyLine.since(started));
                System.out.flush();
            });
            exitOnFailure(instance);
        } catch (ConfigException e) {
            System.err.println("bayesfuse run: " + e.getMessage());
            running.closeAll();
            return 2;
        } catch (RuntimeException e) {
            System.err.println("bayesfuse run: could not start: " + e.getMessage());
            running.closeAll();
            return 1;
        }
        running.await();
        return 0;
    }

    /** When Kafka Streams stops by itself, says why and exits with status 1 (the shutdown hook closes the rest). */
    private static void exitOnFailure(BayesfuseInstance instance) {
        Thread watcher = new Thread(() -> {
            try {
                String why = instance.awaitFailure();
                System.err.println("bayesfuse run: stopped: " + why);
                System.err.flush();
                System.exit(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bayesfuse-failure-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
