/**
 * bayesfuse's Kafka Streams topology: {@link io.bayesfuse.topology.BayesfuseTopology} builds it from a
 * validated configuration (the filter stage, the fusion stage or both, and the live configuration they
 * share); {@link io.bayesfuse.topology.StreamsSettings} gives its Kafka Streams settings (exactly once and
 * the dead-letter handlers by default, the file's {@code kafka} section last);
 * {@link io.bayesfuse.topology.StreamThreadFailures} decides whether a dying stream thread is replaced or
 * the instance stops. This module builds topologies and their parts but starts no brokers or servers (the
 * build refuses Kafka's broker artifacts): that is {@code app}'s job.
 */
package io.bayesfuse.topology;
