/**
 * {@code bayesfuse learn}: the online learners run offline over a file of examples, with the stream
 * stage's batching rule and the kernels' learners; only input, output and bookkeeping live here.
 */
package io.bayesfuse.app.learn;
