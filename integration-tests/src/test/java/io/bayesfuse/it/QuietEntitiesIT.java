package io.bayesfuse.it;

import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.exact.RunOutput;
import io.bayesfuse.it.exact.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eviction and prediction ticks on a real broker, with entities that fall silent and come back, or
 * stop for good while the others go on ({@link Workload#quietEntities}): 60 entities on 3
 * partitions, about 20 per task, against a sweep budget of 3 evictions or predictions per record.
 * What is evicted and predicted when is a function of the input only, so a run killed with SIGKILL
 * again and again publishes exactly what an uninterrupted run publishes, and once the input stops
 * nothing more is published while the application idles.
 */
class QuietEntitiesIT {

    static final String CONFIG = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
            sensors:
              gps: {measurement: {type: position}, R: [[4.0, 0.0], [0.0, 4.0]]}
              tag: {measurement: {type: position}, R: [[1.0, 0.0], [0.0, 1.0]]}
            filter:
              type: kf
              motionModel: cv
              initial: {x: [0, 1, 0, 1], P: [[25, 0, 0, 0], [0, 4, 0, 0], [0, 0, 25, 0], [0, 0, 0, 4]]}
              outOfOrder: {historyMillis: 2000}
            entities: {ttlMillis: 8000, predictionTicks: {intervalMillis: 1000, idleMillis: 2000}, sweepBudget: 3}
            """;
    private static final int PARTITIONS = 3;
    private static final int ENTITIES = 60;
    private static final Workload WORKLOAD = Workload.quietEntities(16, 60, ENTITIES);
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\": ([^,]+),");
    private static final Pattern COVARIANCE = Pattern.compile("\"covariance\": \\{[^}]*}");

    /**
     * How long the uninterrupted run idles once its input is processed, with the entities that stopped
     * early lagging: nothing may be published meanwhile. Short, to keep the build fast: there is no
     * wall-clock punctuation left to fire, and {@code EntityScheduleStageTest} idles the stage for 30 s
     * of (test-driver) wall-clock time.
     */
    private static final Duration IDLE = Duration.ofSeconds(5);

    private static RunOutput uninterrupted;

    @TempDir
    Path work;

    @BeforeAll
    static void runUninterrupted() throws Exception {
        uninterrupted = runInProcess("quiet-uninterrupted", IDLE);
        List<String> predicted = uninterrupted.estimates().values().stream().flatMap(List::stream)
                .filter(QuietEntitiesIT::isPredicted).toList();
        System.out.printf("uninterrupted: %d measurements, %d estimates, %d of them PREDICTED%n", WORKLOAD.measurements,
                uninterrupted.estimateCount(), predicted.size());
        assertThat(uninterrupted.estimateCount() - predicted.size()).as("one estimate per measurement")
                .isEqualTo(WORKLOAD.measurements);
        assertThat(predicted).as("silent and lagging entities predicted").hasSizeGreaterThan(100);
        assertThat(uninterrupted.deadLetters()).isZero();
        assertNoPredictionRepeats(uninterrupted);
        // an entity silent for 12 s (ttl 8 s) comes back from its prior, one silent for 6 s does not
        Set<String> fromPrior = new HashSet<>();
        uninterrupted.estimates().values().forEach(list -> fromPrior.add(covariance(list.get(0))));
        for (int k = 1; k < ENTITIES; k += 4) {
            assertThat(startsFromPrior(uninterrupted.estimates().get("e" + k), fromPrior)).as("e" + k + " continued").isEqualTo(1);
            assertThat(startsFromPrior(uninterrupted.estimates().get("e" + (k + 1)), fromPrior)).as("e" + (k + 1) + " evicted")
                    .isEqualTo(2);
        }
    }

    @Test
    void afterSigkillsTheCommittedOutputEqualsAnUninterruptedRun() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        Deployment deployment = Deployment.create(environment, work, "quiet-crash", PARTITIONS, "", CONFIG);
        // input keeps arriving through the crashes (about 40 s)
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try {
                WORKLOAD.produce(environment.bootstrapServers(), environment.registryUrl(), deployment.topics, 80);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Random random = new Random(20261206);
        int kills = 0;
        while (!producing.isDone() && kills < 4) {
            try (Deployment.Instance instance = deployment.start(0)) {
                long runFor = 2_000 + random.nextInt(5_000);
                Thread.sleep(runFor);
                assertThat(instance.process().stopWith("KILL", Duration.ofSeconds(30))).as("exit status after SIGKILL").isEqualTo(137);
                kills++;
                System.out.printf("crash %d: killed %d ms after start-up%n", kills, runFor);
            }
            if (kills % 2 == 0) {
                deployment.wipeState(0);
            }
        }
        assertThat(kills).as("kills while the input arrived").isGreaterThanOrEqualTo(3);
        try (Deployment.Instance last = deployment.start(0)) {
            producing.get();
            RunOutput crashed = RunOutput.readWhenProcessed(environment.bootstrapServers(), environment.registryUrl(),
                    deployment.topics, deployment.applicationId, Duration.ofSeconds(120));
            assertThat(crashed.differenceFrom(uninterrupted)).as("the crashed run's output against the uninterrupted run's").isNull();
            assertThat(last.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
    }

    /**
     * Runs the workload through the topology in this JVM, waits until all of it is processed, idles
     * for {@code idle} (then checks that nothing more came) and returns the committed output.
     */
    private static RunOutput runInProcess(String name, Duration idle) throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        try (AppUnderTest app = AppUnderTest.start(environment, name, CONFIG, PARTITIONS)) {
            String applicationId = app.config.application().idOrDefault();
            WORKLOAD.produce(environment.bootstrapServers(), environment.registryUrl(), app.topics, 0);
            RunOutput processed = RunOutput.readWhenProcessed(environment.bootstrapServers(), environment.registryUrl(), app.topics,
                    applicationId, Duration.ofSeconds(120));
            if (!idle.isZero()) {
                Thread.sleep(idle.toMillis());
                RunOutput later = RunOutput.readWhenProcessed(environment.bootstrapServers(), environment.registryUrl(), app.topics,
                        applicationId, Duration.ofSeconds(30));
                assertThat(later.estimateCount()).as("estimates after idling for " + idle).isEqualTo(processed.estimateCount());
                assertThat(later.differenceFrom(processed)).isNull();
            }
            assertThat(app.uncaughtExceptions()).isEmpty();
            return processed;
        }
    }

    private static boolean isPredicted(String estimate) {
        return estimate.contains("\"status\": \"PREDICTED\"");
    }

    private static void assertNoPredictionRepeats(RunOutput output) {
        for (Map.Entry<String, List<String>> entity : output.estimates().entrySet()) {
            Set<String> times = new HashSet<>();
            for (String estimate : entity.getValue()) {
                if (isPredicted(estimate)) {
                    Matcher m = TIMESTAMP.matcher(estimate);
                    assertThat(m.find()).isTrue();
                    assertThat(times.add(m.group(1))).as("PREDICTED %s at %s published once", entity.getKey(), m.group(1)).isTrue();
                }
            }
        }
    }

    private static String covariance(String estimate) {
        Matcher m = COVARIANCE.matcher(estimate);
        assertThat(m.find()).as(estimate).isTrue();
        return m.group();
    }

    /** How many of an entity's estimates of measurements have the covariance of a first update from the prior. */
    private static long startsFromPrior(List<String> estimates, Set<String> fromPrior) {
        return estimates.stream().filter(e -> !isPredicted(e)).filter(e -> fromPrior.contains(covariance(e))).count();
    }
}
