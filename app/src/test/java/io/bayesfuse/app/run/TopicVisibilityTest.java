package io.bayesfuse.app.run;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A topic the controller has just created reaches the brokers' metadata a moment later; until then
 * describing it fails, a consumer finds no partitions and Kafka Streams' global store cannot start.
 * Topics are awaited until they are in the metadata with a leader for every partition.
 */
class TopicVisibilityTest {

    private static final Node BROKER = new Node(1, "localhost", 9092);

    /** A cluster in which the topics are unknown for the first {@code unknownFor} describes, then leaderless once, then ready. */
    private static Admin clusterWhereTopicsAppearAfter(int unknownFor, AtomicInteger describes) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
            if (!method.getName().equals("describeTopics")) {
                throw new UnsupportedOperationException(method.getName());
            }
            int call = describes.incrementAndGet();
            Map<String, KafkaFuture<TopicDescription>> futures = new HashMap<>();
            for (Object name : (Collection<?>) args[0]) {
                KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
                if (call <= unknownFor) {
                    future.completeExceptionally(new UnknownTopicOrPartitionException("This server does not host this topic-partition."));
                } else {
                    Node leader = call == unknownFor + 1 ? null : BROKER;
                    future.complete(new TopicDescription(name.toString(), false,
                            List.of(new TopicPartitionInfo(0, leader, List.of(BROKER), List.of(BROKER)))));
                }
                futures.put(name.toString(), future);
            }
            return new DescribeTopicsResult(null, futures) { };
        });
    }

    @Test
    void topicsAreAwaitedUntilTheyAreInTheMetadataWithALeader() throws Exception {
        AtomicInteger describes = new AtomicInteger();
        Map<String, TopicDescription> visible = TopicProvisioner.awaitVisible(clusterWhereTopicsAppearAfter(3, describes),
                List.of("t.measurements", "t.config-validated"), Duration.ofSeconds(30));
        assertThat(visible).containsOnlyKeys("t.measurements", "t.config-validated");
        assertThat(describes).as("3 unknown, 1 without a leader, then ready").hasValue(5);
    }

    @Test
    void topicsThatNeverAppearAreAnErrorNamingThem() {
        assertThatThrownBy(() -> TopicProvisioner.awaitVisible(clusterWhereTopicsAppearAfter(Integer.MAX_VALUE - 1,
                new AtomicInteger()), List.of("t.measurements"), Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t.measurements").hasMessageContaining("not all in the cluster's metadata");
    }
}
