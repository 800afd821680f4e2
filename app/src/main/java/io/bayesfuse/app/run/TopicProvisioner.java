package io.bayesfuse.app.run;

import io.bayesfuse.topology.config.ApplicationConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates bayesfuse's topics when they are missing: the data topics (measurements,
 * posterior-updates, estimates, fused, dead-letters) with {@code application.partitions} and
 * {@code application.replicationFactor} (the broker's defaults when unset); the config topic and
 * its validated copy compacted and with exactly one partition, since their records are validated
 * in order. An existing config topic with more than one partition is an error naming it.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicProvisioner() {
    }

    /** The topics of a deployment without a tracking section, as they should be created. */
    public static List<NewTopic> topics(ApplicationConfig application) {
        return topics(application, false);
    }

    /**
     * The topics of a deployment, as they should be created; with {@code tracking}, also the tracking
     * stage's detections, tracks and truth.
     */
    public static List<NewTopic> topics(ApplicationConfig application, boolean tracking) {
        TopicNames names = application.topicNames();
        Optional<Integer> partitions = Optional.ofNullable(application.partitions());
        Optional<Short> replication = Optional.ofNullable(application.replicationFactor());
        List<NewTopic> topics = new ArrayList<>();
        List<String> data = new ArrayList<>(List.of(names.measurements(), names.posteriorUpdates(), names.estimates(),
                names.fused(), names.deadLetters(), names.changepoints(), names.smoothed()));
        if (tracking) {
            data.addAll(List.of(names.detections(), names.tracks(), names.truth()));
        }
        for (String name : data) {
            topics.add(new NewTopic(name, partitions, replication));
        }
        for (String config : List.of(names.config(), names.validatedConfig())) {
            topics.add(new NewTopic(config, Optional.of(1), replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        return topics;
    }

    /**
     * Creates the missing topics and checks the existing config topics.
     *
     * @return the names of the topics it created
     */
    public static List<String> ensure(Admin admin, ApplicationConfig application) {
        return ensure(admin, application, false);
    }

    /** The same, with the tracking stage's topics when {@code tracking}. */
    public static List<String> ensure(Admin admin, ApplicationConfig application, boolean tracking) {
        List<NewTopic> wanted = topics(application, tracking);
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        wanted.forEach(t -> byName.put(t.name(), t));
        try {
            var existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic topic : missing) {
                    try {
                        result.values().get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        created.add(topic.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {   // another instance was quicker
                            throw new IllegalStateException("cannot create topic '" + topic.name() + "': "
                                    + e.getCause().getMessage(), e.getCause());
                        }
                    }
                }
                LOG.info("created topics {}", created);
            }
            TopicNames names = application.topicNames();
            Map<String, TopicDescription> configs = admin.describeTopics(List.of(names.config(), names.validatedConfig()))
                    .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (TopicDescription description : configs.values()) {
                if (description.partitions().size() != 1) {
                    throw new ConfigException("application.topics.config", "topic '" + description.name() + "' has "
                            + description.partitions().size() + " partitions; the configuration topics need exactly one "
                            + "(their records are validated in order)");
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list or create the topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka cluster did not answer within " + TIMEOUT_SECONDS
                    + " s while the topics were checked (kafka.bootstrap.servers right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the topics were checked", e);
        }
    }
}
