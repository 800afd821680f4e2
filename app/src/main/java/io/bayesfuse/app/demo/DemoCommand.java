package io.bayesfuse.app.demo;

import io.bayesfuse.app.embedded.BrokerSettings;
import io.bayesfuse.app.embedded.EmbeddedKafkaBroker;
import io.bayesfuse.app.logging.ConsoleLogging;
import io.bayesfuse.app.run.BayesfuseInstance;
import io.bayesfuse.app.run.ReadyLine;
import io.bayesfuse.app.simulate.SimulationProducer;
import io.bayesfuse.app.simulate.SimulationRunner;
import io.bayesfuse.app.stack.RunUntilStopped;
import io.bayesfuse.kernels.simulation.ExampleProblem;
import io.bayesfuse.kernels.simulation.Scenario;
import io.bayesfuse.kernels.simulation.Simulation;
import io.bayesfuse.kernels.simulation.SurveillanceRadar;
import io.bayesfuse.schemas.registry.server.KafkaSchemaStore;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.HttpConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code bayesfuse demo}: the whole system in one process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Run the whole system locally: an embedded Kafka broker and schema registry, the topology (filter and "
                        + "fusion stages), a simulator and the live dashboard.",
                "The simulator drives --entities targets that turn and accelerate, seen by a GPS (degraded 30 s of every 2 "
                        + "minutes), a differential GPS, a range-bearing radar (down 15 s of every minute) and a learned velocity feed, with clutter, late, "
                        + "out-of-order and broken readings; 8 learners publish posteriors of two shared regression models.",
                "Prints 'dashboard=URL' and 'ready in N ms' once the topology processes records; Ctrl-C stops "
                        + "everything cleanly."},
        footer = {"", "The configuration it runs is printed by --print-config; it is also an example for 'run'.", "",
                "Exit status: 130 after SIGINT, 143 after SIGTERM (stopped cleanly either way), 1 when it could not start."})
public final class DemoCommand implements Callable<Integer> {

    static final String CONFIG_RESOURCE = "/demo/demo.yaml";

    /**
     * The labelled examples the demo's online learners learn from (models.* of the demo configuration):
     * a regression whose 4 true weights drift (a random walk of variance 0.002 per second), 10 a second,
     * and a logistic classifier of 3 features, 5 a second.
     */
    static final List<ExampleProblem> EXAMPLE_STREAMS = List.of(
            ExampleProblem.driftingRegression("demand-drift", 4, 0.002, 10),
            ExampleProblem.logistic("churn", 3, 5));

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port on localhost; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--entities", defaultValue = "8", description = "Simulated targets (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--seed", defaultValue = "1", description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--print-config", description = "Print the demo's configuration and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        if (printConfig) {
            System.out.print(configText());
            return 0;
        }
        if (entities < 1) {
            System.err.println("bayesfuse demo: --entities is " + entities + ", must be at least 1");
            return 2;
        }
        RunUntilStopped demo = new RunUntilStopped("bayesfuse demo", System.err);
        Path stateDirectory = null;
        try {
            EmbeddedKafkaBroker broker = demo.add(EmbeddedKafkaBroker.start(BrokerSettings.defaults()));
            KafkaSchemaStore store = KafkaSchemaStore.open(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    KafkaSchemaStore.DEFAULT_TOPIC, Duration.ofSeconds(60));
            SchemaRegistryServer registry = demo.add(SchemaRegistryServer.builder().host("localhost").port(0).store(store).start());

            BayesfuseConfig file = ConfigLoader.parse(configText(), "the demo configuration");
            BayesfuseConfig config = file.withConnections(
                    Map.of("bootstrap.servers", broker.bootstrapServers(),
                            // the demo's numbers should show up at once: commit (and so publish) every 100 ms
                            "commit.interval.ms", "100"),
                    Map.of("schema.registry.url", registry.url()),
                    new HttpConfig("localhost", port, null));
            config.validate();

            Path state = Files.createTempDirectory("bayesfuse-demo-state-");
            ConsoleLogging.stateInATemporaryDirectoryOnPurpose();   // deleted when the demo stops
            stateDirectory = state;
            demo.add(() -> deleteRecursively(state));
            BayesfuseInstance instance = demo.add(BayesfuseInstance.start(config,
                    Map.of(StreamsConfig.STATE_DIR_CONFIG, state.toString()), "demo"));
            if (!instance.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the topology did not begin to process within 60 s (Kafka Streams "
                        + instance.streams().state() + ", restoring " + instance.readiness().restoring() + ")");
            }

            Map<String, Object> kafka = new HashMap<>(config.kafka());
            var producer = demo.add(SimulationProducer.create(kafka, config.schemaRegistry()));
            SimulationRunner runner = new SimulationRunner(new Simulation(Scenario.standard(entities, seed), SurveillanceRadar.standard(),
                    EXAMPLE_STREAMS),
                    System.currentTimeMillis(), true, producer, config.application().topicNames(), instance.dashboard(), null, true);
            demo.add(new SimulatorThread(runner).start());

            System.out.println("dashboard=" + instance.url());
            System.out.println("bootstrap.servers=" + broker.bootstrapServers());
            System.out.println("schema.registry.url=" + registry.url());
            System.out.println(ReadyLine.since(started));
            System.out.flush();
        } catch (IOException | RuntimeException e) {
            System.err.println("bayesfuse demo: could not start: " + e.getMessage());
            demo.closeAll();
            if (stateDirectory != null) {
                deleteRecursively(stateDirectory);
            }
            return 1;
        }
        demo.await();
        return 0;
    }

    /** The demo's configuration file, as shipped. */
    static String configText() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo configuration " + CONFIG_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bayesfuse demo: could not delete " + directory + ": " + e.getMessage());
        }
    }

    /** The simulator on its own thread; closing stops it and waits for it. */
    private static final class SimulatorThread implements AutoCloseable {
        private final SimulationRunner runner;
        private final Thread thread;
        private volatile boolean running = true;

        SimulatorThread(SimulationRunner runner) {
            this.runner = runner;
            this.thread = new Thread(this::run, "bayesfuse-demo-simulator");
            this.thread.setDaemon(true);
        }

        SimulatorThread start() {
            thread.start();
            return this;
        }

        private void run() {
            try {
                runner.run(() -> running);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("bayesfuse demo: the simulator stopped: " + e);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }
}
