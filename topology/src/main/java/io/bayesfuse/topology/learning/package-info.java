/**
 * The learner stage: examples (key: model id) are validated, scored prequentially, buffered per model
 * in a changelogged store and applied as block updates; each model's posterior is published on
 * {@code posterior-updates} (or {@code posterior-chunks} when large) as this site's source of the model.
 */
package io.bayesfuse.topology.learning;
