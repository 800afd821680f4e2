/**
 * Bad input never stops the application: a record that cannot be decoded, or that a processor refuses
 * ({@link io.bayesfuse.topology.deadletter.DeadLetterException}, or a kernel's
 * {@link io.bayesfuse.kernels.InvalidInputException}), goes to the dead-letter topic as a
 * {@code DeadLetter} with a reason code, a message and its original bytes, and processing continues. Kafka
 * Streams' exception handlers route it
 * ({@link io.bayesfuse.topology.deadletter.DeadLetterDeserializationHandler},
 * {@link io.bayesfuse.topology.deadletter.DeadLetterProcessingHandler},
 * {@link io.bayesfuse.topology.deadletter.DeadLetterProductionHandler}), and
 * {@link io.bayesfuse.topology.deadletter.DeadLetterWriter} builds the record, produced inside the task's
 * transaction so that a dead letter is committed exactly when the input offset is. Processors throw before
 * they change any state.
 */
package io.bayesfuse.topology.deadletter;
