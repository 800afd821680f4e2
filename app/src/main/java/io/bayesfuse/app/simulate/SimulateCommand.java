package io.bayesfuse.app.simulate;

import io.bayesfuse.app.dashboard.TruthChannel;
import io.bayesfuse.kernels.simulation.ExampleProblem;
import io.bayesfuse.kernels.simulation.ReadingKind;
import io.bayesfuse.kernels.simulation.Scenario;
import io.bayesfuse.kernels.simulation.Simulation;
import io.bayesfuse.kernels.simulation.SurveillanceRadar;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import io.bayesfuse.topology.config.EnvironmentOverrides;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code bayesfuse simulate}: the simulator alone, producing to any cluster. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
                "Simulate moving entities seen by several sensors (GPS, differential GPS, a range-bearing radar that "
                        + "fails 15 s of every minute, a learned velocity feed) with clutter, late, out-of-order and broken "
                        + "readings, and learners publishing Bayesian linear regression posteriors of two shared models; "
                        + "produce them as Avro records to the measurements and posterior-updates topics.",
                "The records are a function of --seed, --entities, --rate, --duration and --start: the same values give "
                        + "the same records. A progress bar runs on stderr; a summary is printed on stdout at the end.",
                "The sensors' ids (gps, dgps, radar, velocity-net) must be configured in the application that reads "
                        + "them, as in the demo's configuration (./bayesfuse demo --print-config).",
                "With --examples it also produces labelled examples for online learners to the examples topic (key: the "
                        + "model id; dense features x ~ N(0, I)): a regression whose true weights drift as a random walk, "
                        + "or a logistic or softmax classifier; each model id must be configured (models.<id>) with the "
                        + "same number of features (and classes)."},
        footer = {"", "Environment variables BAYESFUSE_KAFKA_<NAME> and BAYESFUSE_SCHEMA_REGISTRY_<NAME> override the "
                + "configuration file as for 'run'.", "",
                "Exit status: 0 when done, 130 after SIGINT, 143 after SIGTERM, 2 for invalid options or configuration, "
                        + "1 when it could not produce."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--config", description = "A configuration file for the kafka, schemaRegistry and application (topic names) sections.")
    Path config;

    @Option(names = "--bootstrap-servers", description = "Kafka to produce to (wins over the configuration).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "The schema registry (wins over the configuration).")
    String registryUrl;

    @Option(names = "--entities", defaultValue = "8", description = "Moving entities (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--rate", description = "Readings per second over all entities and sensors "
            + "(default: the sensors' natural rates, about 4.2 per entity).")
    Double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Simulated time to run, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "Epoch milliseconds of simulation time 0 (default: now).")
    Long start;

    @Option(names = "--no-pacing", description = "Produce as fast as possible instead of in real time.")
    boolean noPacing;

    @Option(names = "--truth", description = "Also write the true states, as JSON lines, to this file.")
    Path truthFile;

    @Option(names = "--tracking", description = "Also scan every entity with an unlabelled surveillance radar (region "
            + "'arena', 1 scan/s, P_D 0.9, 10 false detections a scan) to the detections topic, and publish the truth "
            + "(every region's targets at each scan, every entity at each reading) to the truth topic, for a deployment "
            + "with a tracking section (as the demo's).")
    boolean tracking;

    @Option(names = "--examples", paramLabel = "MODEL:KIND:FEATURES[:CLASSES]",
            description = "Also produce a stream of labelled examples for model MODEL: KIND regression (y = w'x + noise, "
                    + "sigma^2 0.25, w drifting), logistic or softmax (CLASSES, default 3), with FEATURES features; "
                    + "repeat for more models (e.g. --examples demand:regression:4 --examples kinds:softmax:5:3).")
    List<String> examples = new ArrayList<>();

    @Option(names = "--example-rate", defaultValue = "10",
            description = "Examples per second of each --examples stream (default: ${DEFAULT-VALUE}).")
    double exampleRate;

    @Option(names = "--example-count", description = "At most this many examples per --examples stream "
            + "(default: as many as --duration allows).")
    Long exampleCount;

    @Option(names = "--example-drift", defaultValue = "0.002",
            description = "Variance per second of the random walk of each true weight of a regression stream "
                    + "(0: fixed weights; default: ${DEFAULT-VALUE}).")
    double exampleDrift;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** The environment overrides are read from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        BayesfuseConfig settings;
        Scenario scenario;
        List<ExampleProblem> exampleStreams;
        try {
            settings = connections();
            if (entities < 1) {
                throw new ConfigException("--entities", "is " + entities + ", must be at least 1");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigException("--duration", "is " + duration + ", must be positive");
            }
            scenario = Scenario.standard(entities, seed).withDuration(duration.toMillis());
            if (rate != null) {
                if (!(rate > 0)) {
                    throw new ConfigException("--rate", "is " + rate + ", must be > 0 readings per second");
                }
                scenario = scenario.withReadingRate(rate);
            }
            exampleStreams = exampleStreams();
        } catch (ConfigException e) {
            System.err.println("bayesfuse simulate: " + e.getMessage());
            return 2;
        }
        long startEpoch = start != null ? start : System.currentTimeMillis();
        AtomicBoolean keepGoing = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            keepGoing.set(false);
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bayesfuse-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Object> kafka = new HashMap<>(settings.kafka());
        try (Producer<String, SpecificRecord> producer = SimulationProducer.create(kafka, settings.schemaRegistry());
             Writer truth = truthFile == null ? null : Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
            SimulationRunner runner = new SimulationRunner(
                    new Simulation(scenario, tracking ? SurveillanceRadar.standard() : null, exampleStreams),
                    startEpoch, !noPacing, producer, settings.application().topicNames(), TruthChannel.NONE, truth, tracking);
            ProgressBar bar = quiet ? null : new ProgressBar(System.err, duration.toMillis());
            Thread progress = null;
            if (bar != null) {
                progress = new Thread(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            bar.show(runner.simulatedMillis(), runner.counts());
                            Thread.sleep(200);
                        }
                    } catch (InterruptedException e) {
                        // done
                    }
                }, "bayesfuse-simulate-progress");
                progress.setDaemon(true);
                progress.start();
            }
            runner.run(keepGoing::get);
            if (progress != null) {
                progress.interrupt();
                progress.join();
                bar.finish(Math.min(runner.simulatedMillis(), duration.toMillis()), runner.counts());
            }
            summary(runner.counts(), scenario, startEpoch, keepGoing.get(), !exampleStreams.isEmpty());
        } catch (IOException e) {
            System.err.println("bayesfuse simulate: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("bayesfuse simulate: could not produce: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
        if (keepGoing.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    /** The --examples streams (ConfigException naming the option that does not fit). */
    private List<ExampleProblem> exampleStreams() {
        if (!(exampleRate > 0) || Double.isInfinite(exampleRate)) {
            throw new ConfigException("--example-rate", "is " + exampleRate + ", must be > 0 examples per second");
        }
        if (exampleCount != null && exampleCount < 1) {
            throw new ConfigException("--example-count", "is " + exampleCount + ", must be at least 1");
        }
        if (!(exampleDrift >= 0) || Double.isInfinite(exampleDrift)) {
            throw new ConfigException("--example-drift", "is " + exampleDrift + ", must be finite and >= 0");
        }
        List<ExampleProblem> streams = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String value : examples) {
            ExampleStreamSpec spec = ExampleStreamSpec.parse(value);
            if (!ids.add(spec.modelId())) {
                throw new ConfigException("--examples", "model '" + spec.modelId() + "' is given twice");
            }
            streams.add(spec.problem(exampleRate, exampleCount == null ? Long.MAX_VALUE : exampleCount, exampleDrift));
        }
        return streams;
    }

    private BayesfuseConfig connections() {
        BayesfuseConfig file = config == null ? ConfigLoader.parse("application: {}", "defaults") : ConfigLoader.load(config);
        BayesfuseConfig withEnvironment = EnvironmentOverrides.apply(file, environment);
        Map<String, String> kafka = new HashMap<>(withEnvironment.kafka());
        Map<String, String> registry = new HashMap<>(withEnvironment.schemaRegistry());
        if (bootstrapServers != null) {
            kafka.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            registry.put("schema.registry.url", registryUrl);
        }
        if (kafka.get("bootstrap.servers") == null) {
            throw new ConfigException("--bootstrap-servers", "is required (or kafka.bootstrap.servers in --config, "
                    + "or BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS)");
        }
        if (registry.get("schema.registry.url") == null) {
            throw new ConfigException("--schema-registry-url", "is required (or schemaRegistry.schema.registry.url in "
                    + "--config, or BAYESFUSE_SCHEMA_REGISTRY_SCHEMA_REGISTRY_URL)");
        }
        return withEnvironment.withConnections(kafka, registry, withEnvironment.http());
    }

    private static void summary(SimulationCounts counts, Scenario scenario, long startEpoch, boolean completed,
                                boolean withExamples) {
        System.out.println("status=" + (completed ? "completed" : "interrupted"));
        System.out.println("entities=" + scenario.entities());
        System.out.println("seed=" + scenario.seed());
        System.out.println("start=" + startEpoch);
        System.out.println("measurements=" + counts.measurements());
        System.out.println("posterior-updates=" + counts.posteriorUpdates());
        System.out.println("clutter=" + counts.of(ReadingKind.CLUTTER));
        System.out.println("broken=" + (counts.of(ReadingKind.NON_FINITE) + counts.of(ReadingKind.UNKNOWN_SENSOR)));
        System.out.println("delayed=" + counts.delayed());
        if (withExamples) {
            System.out.println("examples=" + counts.examples());
        }
        if (counts.scans() > 0) {
            System.out.println("scans=" + counts.scans());
            System.out.println("detections=" + counts.detections());
        }
        System.out.println(String.format(Locale.ROOT, "rate=%.1f", scenario.readingRate()));
        System.out.flush();
    }
}
