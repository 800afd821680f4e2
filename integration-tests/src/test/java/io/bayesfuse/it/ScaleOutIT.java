package io.bayesfuse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bayesfuse.it.env.TestEnvironment;
import io.bayesfuse.it.env.TestEnvironments;
import io.bayesfuse.it.exact.RunOutput;
import io.bayesfuse.it.exact.UninterruptedRun;
import io.bayesfuse.it.exact.Workload;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code bayesfuse run} instances with one standby replica share six partitions; each entity
 * is answered by its owner whichever instance is asked. The owner of one entity is killed (SIGKILL)
 * while input keeps arriving: the two survivors take its partitions over, queries find the new
 * owners, and the committed output equals that of one uninterrupted instance exactly.
 */
class ScaleOutIT {

    private static final int PARTITIONS = 6;
    private static final int ENTITIES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void threeInstancesShareTheWorkAndTheSurvivorsTakeOverExactly() throws Exception {
        TestEnvironment environment = TestEnvironments.current();
        Workload workload = Workload.of(7, 3_000, ENTITIES, 3, true);
        RunOutput expected = UninterruptedRun.of(environment, workload, PARTITIONS);

        Deployment deployment = Deployment.create(environment, work, "scale-out", PARTITIONS, "num.standby.replicas: 1");
        List<Deployment.Instance> instances = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                instances.add(deployment.start(n));
            }
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                try {
                    workload.produce(environment.bootstrapServers(), environment.registryUrl(), deployment.topics, 60);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            awaitMembersWithPartitions(environment, deployment.applicationId, 3);
            Map<String, String> owners = ownersAskingEach(instances, Duration.ofSeconds(90));
            System.out.println("scale-out: owners before the kill " + owners);
            Set<String> addresses = new HashSet<>(owners.values());
            assertThat(addresses).as("entities spread over the instances").hasSizeGreaterThanOrEqualTo(2);

            Deployment.Instance victim = instances.stream().filter(i -> i.address().equals(owners.get("e0"))).findFirst().orElseThrow();
            assertThat(victim.process().stopWith("KILL", Duration.ofSeconds(30))).isEqualTo(137);
            instances.remove(victim);
            victim.close();

            Map<String, String> after = ownersAskingEach(instances, Duration.ofSeconds(120));
            System.out.println("scale-out: owners after the kill " + after);
            Set<String> survivors = new HashSet<>();
            instances.forEach(i -> survivors.add(i.address()));
            assertThat(survivors).containsAll(after.values());
            awaitMembersWithPartitions(environment, deployment.applicationId, 2);

            producing.get();
            RunOutput actual = RunOutput.read(environment.bootstrapServers(), environment.registryUrl(), deployment.topics,
                    workload.measurements, workload.posteriorUpdates, workload.posteriorChunks, Duration.ofSeconds(240),
                    n -> System.out.printf("scale-out: %d committed records read%n", n));
            assertThat(actual.differenceFrom(expected)).as("the scaled-out run's output against the uninterrupted run's").isNull();
            for (Deployment.Instance survivor : instances) {
                assertThat(survivor.process().stopWith("TERM", Duration.ofSeconds(60))).isEqualTo(143);
            }
        } finally {
            instances.forEach(Deployment.Instance::close);
        }
    }

    /**
     * Asks every instance for every entity until all answer, fresh (not a standby's stale copy), and
     * agree on the owner; returns entity → owner address.
     */
    private Map<String, String> ownersAskingEach(List<Deployment.Instance> instances, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Map<String, String> owners = new HashMap<>();
            boolean agreed = true;
            for (int e = 0; e < ENTITIES && agreed; e++) {
                String entity = "e" + e;
                for (Deployment.Instance asked : instances) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(asked.url() + "api/entities/" + entity))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        agreed = false;
                        last = asked.address() + " answered " + response.statusCode() + " for " + entity + ": " + response.body();
                        break;
                    }
                    JsonNode body = JSON.readTree(response.body());
                    String servedBy = body.path("servedBy").asText();
                    if (body.path("stale").asBoolean(false) || !servedBy.equals(owners.getOrDefault(entity, servedBy))) {
                        agreed = false;
                        last = entity + " served by " + servedBy + (body.path("stale").asBoolean(false) ? " (stale)" : "")
                                + ", earlier by " + owners.get(entity);
                        break;
                    }
                    owners.put(entity, servedBy);
                }
            }
            if (agreed) {
                return owners;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the instances did not agree on every entity's owner within " + timeout + "; last: " + last);
    }

    /** Waits until the application's group has {@code members} members, each with partitions assigned. */
    private static void awaitMembersWithPartitions(TestEnvironment environment, String applicationId, int members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String seen = "";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", environment.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all()
                        .get(30, TimeUnit.SECONDS).get(applicationId);
                List<MemberDescription> active = group.members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).toList();
                seen = group.groupState() + ", " + group.members().size() + " members, " + active.size() + " with partitions";
                if (group.members().size() == members && active.size() == members) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the group " + applicationId + " did not reach " + members
                + " members with partitions; last seen: " + seen);
    }
}
