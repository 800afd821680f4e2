package io.bayesfuse.it.exact;

import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.it.app.AppUnderTest;
import io.bayesfuse.it.env.TestEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The output of a workload processed by one instance that is never interrupted: what every other run must equal. */
public final class UninterruptedRun {

    private UninterruptedRun() {
    }

    /** Runs {@code workload} (with {@link Workload#CONFIG}) on topics of {@code partitions} partitions. */
    public static RunOutput of(TestEnvironment environment, Workload workload, int partitions) throws Exception {
        try (AppUnderTest app = AppUnderTest.start(environment, "uninterrupted", Workload.CONFIG, partitions)) {
            workload.produce(environment.bootstrapServers(), environment.registryUrl(), app.topics, 0);
            RunOutput output = RunOutput.read(environment.bootstrapServers(), environment.registryUrl(), app.topics,
                    workload.measurements, workload.posteriorUpdates, workload.posteriorChunks, Duration.ofSeconds(180), n -> { });
            assertThat(output.fusedChunkCount()).as("one fused chunk per chunk").isEqualTo(workload.posteriorChunks);
            assertThat(output.estimateCount()).as("one estimate per measurement").isEqualTo(workload.measurements);
            assertThat(output.fusedCount()).as("one fused posterior per update").isEqualTo(workload.posteriorUpdates);
            assertThat(output.deadLetters()).as("dead letters of a valid workload").isZero();
            assertThat(output.estimates().values().stream().flatMap(l -> l.stream())
                    .filter(e -> e.contains("\"status\": \"" + EstimateStatus.REVISED + "\"")).count())
                    .as("out-of-order measurements re-filtered").isPositive();
            assertThat(app.uncaughtExceptions()).isEmpty();
            return output;
        }
    }
}
