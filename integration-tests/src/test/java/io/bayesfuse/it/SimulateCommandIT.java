package io.bayesfuse.it;

import io.bayesfuse.app.BayesfuseCommand;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bayesfuse simulate} against a real broker and registry. */
class SimulateCommandIT {

    @TempDir
    Path work;

    @Test
    void theSameSeedProducesTheSameRecordsAndTheSummaryCountsThem() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        String a = "sim-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "sim-b-" + UUID.randomUUID().toString().substring(0, 8);
        Run first = simulate(environment, a);
        Run second = simulate(environment, b);

        assertThat(first.summary).containsEntry("status", "completed").containsEntry("entities", "3").containsEntry("seed", "7");
        long measurements = Long.parseLong(first.summary.get("measurements"));
        long updates = Long.parseLong(first.summary.get("posterior-updates"));
        // 3 entities at about 4.2 readings/s for 20 s; 8 learners every 2 or 3 s
        assertThat(measurements).isBetween(200L, 300L);
        assertThat(updates).isBetween(60L, 75L);
        List<ConsumerRecord<byte[], byte[]>> measurementsA = TopicReader.readAll(environment.bootstrapServers(),
                a + ".measurements", (int) measurements, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> measurementsB = TopicReader.readAll(environment.bootstrapServers(),
                b + ".measurements", (int) measurements, Duration.ofSeconds(30));
        assertThat(measurementsA).hasSize((int) measurements);
        // the same records (partitioned alike by key; sorted, since partitions interleave when read)
        assertThat(describe(measurementsA)).isEqualTo(describe(measurementsB));
        assertThat(measurementsA.get(0).timestamp()).isGreaterThanOrEqualTo(1_700_000_000_000L);
        assertThat(TopicReader.readAll(environment.bootstrapServers(), a + ".posterior-updates", (int) updates,
                Duration.ofSeconds(30))).hasSize((int) updates);
        assertThat(first.summary).isEqualTo(second.summary);
        assertThat(Files.readString(first.truth)).isEqualTo(Files.readString(second.truth)).contains("\"entityId\":\"target-01\"");
    }

    @Test
    void aPacedRunShowsProgressAndStopsCleanlyOnSigterm() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        try (AppProcess simulate = AppProcess.start(work, Map.of(), "simulate",
                "--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.registryUrl(),
                "--entities", "4", "--duration", "10m", "--rate", "40")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!simulate.errorOutput().contains("measurements")) {
                assertThat(System.nanoTime()).as("a progress bar within 30 s; stderr: " + simulate.errorOutput()).isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(1500);
            assertThat(simulate.errorOutput()).containsPattern("\\[#*-+\\] +0% +\\d+\\.\\d/600\\.0 s");
            assertThat(simulate.stopWith("TERM", Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(simulate.output()).contains("status=interrupted", "entities=4", "seed=1");
            assertThat(simulate.output().stream().filter(l -> l.startsWith("measurements=")).findFirst().orElseThrow())
                    .isNotEqualTo("measurements=0");
        }
    }

    @Test
    void missingConnectionSettingsAreNamed() throws Exception {
        try (AppProcess simulate = AppProcess.start(work, Map.of(), "simulate", "--entities", "2")) {
            assertThat(simulate.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(simulate.errorOutput()).contains("--bootstrap-servers: is required");
        }
    }

    private record Run(Map<String, String> summary, Path truth) {
    }

    private Run simulate(TestEnvironment environment, String prefix) throws Exception {
        Path config = work.resolve(prefix + ".yaml");
        Files.writeString(config, "application: {topicPrefix: " + prefix + ".}\n");
        // records carry event times from 2023 (--start): with the broker's default 7-day retention a
        // retention check (every 5 minutes) that falls between sending and reading deletes them all
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            Map<String, String> forever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            admin.createTopics(List.of(new NewTopic(prefix + ".measurements", 1, (short) 1).configs(forever),
                    new NewTopic(prefix + ".posterior-updates", 1, (short) 1).configs(forever))).all().get();
        }
        Path truth = work.resolve(prefix + "-truth.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = BayesfuseCommand.commandLine().execute("simulate", "--config", config.toString(),
                    "--bootstrap-servers", environment.bootstrapServers(), "--schema-registry-url", environment.registryUrl(),
                    "--entities", "3", "--duration", "20s", "--seed", "7", "--start", "1700000000000", "--no-pacing",
                    "--quiet", "--truth", truth.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        Map<String, String> summary = new HashMap<>();
        for (String line : printed.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                summary.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertThat(summary).containsKeys("measurements", "posterior-updates", "clutter", "broken", "delayed", "rate");
        return new Run(summary, truth);
    }

    private static List<String> describe(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> r.timestamp() + " " + new String(r.key(), StandardCharsets.UTF_8) + " "
                + Arrays.toString(Arrays.copyOfRange(r.value(), 5, r.value().length))).sorted().toList();
    }
}
