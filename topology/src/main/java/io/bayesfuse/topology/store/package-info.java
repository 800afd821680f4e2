/**
 * Helpers over Kafka Streams state stores: {@link io.bayesfuse.topology.store.StoreSweep} walks a
 * key-value store a bounded number of entries at a time, resuming where the previous walk stopped and
 * wrapping around, so that punctuations over millions of entities or quantities never stall the stream
 * thread.
 */
package io.bayesfuse.topology.store;
