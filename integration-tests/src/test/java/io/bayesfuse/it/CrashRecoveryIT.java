package io.bayesfuse.it;

import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.exact.RunOutput;
import io.bayesfuse.it.exact.UninterruptedRun;
import io.bayesfuse.it.exact.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bayesfuse run} in a child JVM is killed abruptly (SIGKILL: no shutdown hook, no commit, an
 * open transaction left behind) at random points while input keeps arriving, five times, and
 * restarted each time; every other restart also loses its local state directory, so its stores come
 * back from the changelogs. The committed output then equals that of an uninterrupted run exactly:
 * no record lost, none duplicated, every number bit-equal.
 */
class CrashRecoveryIT {

    private static final int KILLS = 5;

    @TempDir
    Path work;

    @Test
    void afterFiveSigkillsTheCommittedOutputEqualsAnUninterruptedRun() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        Workload workload = Workload.of(11, 3_000, 12, 3, true);
        RunOutput expected = UninterruptedRun.of(environment, workload, 3);

        Deployment deployment = Deployment.create(environment, work, "crash", 3, "");
        // input keeps arriving through all the crashes (about a minute)
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try {
                workload.produce(environment.bootstrapServers(), environment.registryUrl(), deployment.topics, 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Random random = new Random(20261122);
        for (int kill = 1; kill <= KILLS; kill++) {
            try (Deployment.Instance instance = deployment.start(0)) {
                long runFor = 1_000 + random.nextInt(5_000);
                Thread.sleep(runFor);
                int status = instance.process().stopWith("KILL", Duration.ofSeconds(30));
                assertThat(status).as("exit status after SIGKILL").isEqualTo(137);
                System.out.printf("crash %d/%d: killed %d ms after start-up%n", kill, KILLS, runFor);
            }
            if (kill % 2 == 0) {
                deployment.wipeState(0);
            }
        }
        try (Deployment.Instance last = deployment.start(0)) {
            producing.get();
            RunOutput actual = RunOutput.read(environment.bootstrapServers(), environment.registryUrl(), deployment.topics,
                    workload.measurements, workload.posteriorUpdates, workload.posteriorChunks, Duration.ofSeconds(240),
                    n -> System.out.printf("crash run: %d committed records read%n", n));
            assertThat(actual.differenceFrom(expected)).as("the crashed run's output against the uninterrupted run's").isNull();
            assertThat(last.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
        }
    }
}
