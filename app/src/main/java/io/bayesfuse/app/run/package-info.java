/**
 * {@code bayesfuse run} ({@link io.bayesfuse.app.run.RunCommand}): the topology against an existing Kafka
 * cluster and Confluent-compatible schema registry. {@link io.bayesfuse.app.run.BayesfuseInstance} is one
 * running instance (HTTP server, topics, Kafka Streams, dashboard feed), closed in reverse order and Kafka
 * Streams always with a bounded timeout; {@code demo} starts its instance through the same class.
 * {@link io.bayesfuse.app.run.TopicProvisioner} creates missing topics, the config topics compacted and
 * with exactly one partition, and waits until the cluster's metadata shows them. Instances with the same
 * {@code application.id} share the partitions and find each other through their advertised HTTP addresses.
 */
package io.bayesfuse.app.run;
