package io.bayesfuse.topology.fusion;

/**
 * When a source of a quantity was last heard of, in event time.
 *
 * @param posteriorTime the time its current posterior refers to (the update's timestamp), null when
 *                      it sent none; tracks are predicted from it
 * @param heardAt       the event time (record timestamp) of its last accepted update or retraction;
 *                      the time to live counts from it
 */
public record SourceClock(Long posteriorTime, long heardAt) {

    /** The time the source's posterior is taken at: its own timestamp, else when it was heard. */
    public long effectivePosteriorTime() {
        return posteriorTime != null ? posteriorTime : heardAt;
    }
}
