package io.bayesfuse.app.run;

import io.bayesfuse.topology.config.ApplicationConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.TopicNames;
import io.bayesfuse.topology.production.RecordSizeLimits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * in order. An existing config topic with more than one partition is an error naming it. It returns
 * once every topic is in the cluster's metadata ({@link #awaitVisible}), so that Kafka Streams can be
 * started at once.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration VISIBLE_POLL = Duration.ofMillis(100);

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
                names.fused(), names.deadLetters(), names.changepoints(), names.smoothed(), names.posteriorChunks(),
                names.fusedChunks(), names.examples()));
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
     * Waits until every one of {@code topics} is in the cluster's metadata with a leader for each
     * partition, and returns their descriptions. A topic the controller has just created is not at
     * once in the brokers' metadata: until it is, describing it fails with "This server does not host
     * this topic-partition", a consumer's {@code partitionsFor} answers an empty list (Kafka Streams'
     * global store then fails to initialise, and its global thread cannot be replaced: the instance
     * stops) and the first rebalance finds the source topics missing. On a loaded machine that gap
     * is long enough to be hit; so the topics are awaited before Kafka Streams starts.
     *
     * @throws IllegalStateException naming the topics still missing after {@code timeout}
     */
    public static Map<String, TopicDescription> awaitVisible(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String missing;
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                List<String> leaderless = described.values().stream().filter(d -> d.partitions().stream()
                        .anyMatch(p -> p.leader() == null || p.leader().isEmpty())).map(TopicDescription::name).toList();
                if (leaderless.isEmpty()) {
                    return described;
                }
                missing = "without a leader: " + leaderless;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe the topics " + topics + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                missing = e.getCause().getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics " + topics + " are not all in the cluster's metadata "
                        + timeout.toSeconds() + " s after they were created (" + missing + ")");
            }
            Thread.sleep(VISIBLE_POLL.toMillis());
        }
    }

    /**
     * The {@code max.message.bytes} of each of the deployment's topics, as Kafka Streams settings
     * ({@link RecordSizeLimits#topicLimitSetting}): the output serializers refuse a record larger than
     * its topic accepts before it is sent, and the production exception handler dead-letters its input.
     */
    public static Map<String, Object> sizeLimits(Admin admin, ApplicationConfig application) {
        return sizeLimits(admin, application, false);
    }

    /** The same, with the tracking stage's topics when {@code tracking}. */
    public static Map<String, Object> sizeLimits(Admin admin, ApplicationConfig application, boolean tracking) {
        List<ConfigResource> resources = topics(application, tracking).stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Object> settings = new LinkedHashMap<>();
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    settings.put(RecordSizeLimits.topicLimitSetting(resource.name()), Integer.parseInt(entry.value()));
                }
            });
            return settings;
        } catch (ExecutionException | TimeoutException e) {
            // e.g. no DescribeConfigs permission: only the producer's max.request.size is checked before sending
            LOG.warn("cannot read the topics' {} ({}); records larger than a topic accepts will stop the instance "
                    + "instead of being dead-lettered", TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    e instanceof ExecutionException ? e.getCause().getMessage() : "no answer within " + TIMEOUT_SECONDS + " s");
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the topics' settings were read", e);
        }
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
            Map<String, TopicDescription> visible = awaitVisible(admin, byName.keySet(), VISIBLE_TIMEOUT);
            for (String config : List.of(names.config(), names.validatedConfig())) {
                TopicDescription description = visible.get(config);
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
