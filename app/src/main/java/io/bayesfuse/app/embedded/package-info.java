/**
 * A real single-node Kafka inside this JVM, for {@code demo}, {@code stack}, {@code bench} and tests:
 * {@link io.bayesfuse.app.embedded.EmbeddedKafkaBroker} formats a data directory with Kafka's own storage
 * formatter and starts a KRaft server (broker and controller in one) from Kafka's production classes, as
 * {@link io.bayesfuse.app.embedded.BrokerSettings} say. The node's configuration sets the replication
 * factor and minimum in-sync replicas of Kafka's internal topics to 1, without which exactly-once
 * processing hangs on a single node, and lets the node talk to itself over a separate loopback listener. A
 * data directory given by the user is formatted on first use and reused afterwards, so topics survive a
 * restart; a temporary one is deleted at close.
 */
package io.bayesfuse.app.embedded;
