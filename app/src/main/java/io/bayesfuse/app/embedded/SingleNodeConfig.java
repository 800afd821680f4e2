package io.bayesfuse.app.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a single KRaft node that is both broker and controller. Besides listeners
 * and storage it holds the single-node settings without which exactly-once processing hangs
 * (replication factor and min ISR of the internal topics at 1: Kafka's defaults need three
 * brokers), one partition for the internal topics (faster start-up) and no initial rebalance delay. Clients use the
 * {@code PLAINTEXT} listener; the node talks to itself over a separate loopback {@code INTERNAL}
 * listener so that an advertised address it cannot dial itself (e.g. in a container) does not
 * stall transactions.
 */
final class SingleNodeConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private SingleNodeConfig() {
    }

    static Properties of(String host, int port, int internalPort, int controllerPort, Path dataDirectory,
                         Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",INTERNAL://127.0.0.1:" + internalPort
                + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port + ",INTERNAL://127.0.0.1:" + internalPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("log.dirs", dataDirectory.toString());

        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");

        p.putAll(overrides);
        return p;
    }
}
