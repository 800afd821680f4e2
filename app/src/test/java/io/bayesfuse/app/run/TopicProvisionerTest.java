package io.bayesfuse.app.run;

import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TopicProvisionerTest {

    @Test
    void dataTopicsGetTheConfiguredPartitionsAndTheConfigTopicsOneCompactedPartition() {
        List<NewTopic> topics = TopicProvisioner.topics(ConfigLoader.parse(
                "application: {topicPrefix: t., partitions: 6, replicationFactor: 3}", "test").application());
        Map<String, NewTopic> byName = topics.stream().collect(Collectors.toMap(NewTopic::name, t -> t));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("t.measurements", "t.posterior-updates", "t.estimates",
                "t.fused", "t.dead-letters", "t.changepoints", "t.smoothed", "t.posterior-chunks", "t.fused-chunks", "t.examples", "t.config",
                "t.config-validated");
        assertThat(byName.get("t.measurements").numPartitions()).isEqualTo(6);
        assertThat(byName.get("t.measurements").replicationFactor()).isEqualTo((short) 3);
        assertThat(byName.get("t.config").numPartitions()).isEqualTo(1);
        assertThat(byName.get("t.config-validated").numPartitions()).isEqualTo(1);
        assertThat(byName.get("t.config").configs()).containsEntry("cleanup.policy", "compact");
        assertThat(byName.get("t.config-validated").configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void aTrackingDeploymentAlsoGetsTheDetectionsTracksAndTruthTopics() {
        var application = ConfigLoader.parse("application: {topicPrefix: t., partitions: 4}", "test").application();
        List<String> plain = TopicProvisioner.topics(application).stream().map(NewTopic::name).toList();
        Map<String, NewTopic> tracking = TopicProvisioner.topics(application, true).stream()
                .collect(Collectors.toMap(NewTopic::name, t -> t));
        assertThat(plain).doesNotContain("t.detections", "t.tracks", "t.truth");
        assertThat(tracking.keySet()).containsAll(plain).contains("t.detections", "t.tracks", "t.truth").hasSize(plain.size() + 3);
        assertThat(tracking.get("t.detections").numPartitions()).isEqualTo(4);
    }

    @Test
    void withoutSettingsTheBrokersDefaultsApply() {
        NewTopic measurements = TopicProvisioner.topics(ConfigLoader.parse("application: {id: a}", "test").application()).get(0);
        assertThat(measurements.name()).isEqualTo("bayesfuse.measurements");
        assertThat(measurements.numPartitions()).isEqualTo(-1);   // Optional.empty(): the broker's num.partitions
        assertThat(Optional.of(measurements.replicationFactor())).contains((short) -1);
    }
}
