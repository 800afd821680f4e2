/**
 * Helpers over Kafka Streams state stores: {@link io.bayesfuse.topology.store.StoreSweep} walks a
 * key-value store a bounded number of entries at a time, resuming where the previous walk stopped and
 * wrapping around, so that punctuations over millions of entities or quantities never stall the stream
 * thread; {@link io.bayesfuse.topology.store.DecodedValues} keeps the values a processor wrote last
 * decoded beside its store (write-through, bounded), so the next record of a key skips the decoding;
 * {@link io.bayesfuse.topology.store.WriteBehindStore} holds the values a processor puts, as objects,
 * until its task commits and then writes each key's newest value once.
 */
package io.bayesfuse.topology.store;
