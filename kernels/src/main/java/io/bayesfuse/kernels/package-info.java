/**
 * The mathematics of bayesfuse: recursive Bayesian filters, motion and measurement models, gating,
 * per-entity tracking, noise adaptation, changepoint detection, smoothing and posterior fusion, a
 * sub-package per idea and no cycles between them. The kernels know nothing of Kafka, Avro or the other
 * modules (the build refuses those dependencies and {@code KernelsArchitectureTest} checks the imports),
 * so every kernel runs and is tested on plain values. Every kernel refuses bad input with an
 * {@link io.bayesfuse.kernels.InvalidInputException} whose message names the subject, the field and the
 * problem, for the caller to route the record to the dead-letter topic.
 */
package io.bayesfuse.kernels;
