/**
 * Keeping output records within what their topics accept. Under exactly-once a record the producer or the
 * broker refuses aborts the whole transaction, so
 * {@link io.bayesfuse.topology.production.SizeLimitedSerializer} refuses an oversized value before it is
 * sent, with a {@link io.bayesfuse.topology.production.RecordTooLargeForTopicException} that the
 * production exception handler turns into a dead letter for the input record.
 * {@link io.bayesfuse.topology.production.RecordSizeLimits} holds each topic's limit: the smaller of the
 * producer's {@code max.request.size} and the topic's {@code max.message.bytes}.
 */
package io.bayesfuse.topology.production;
