package io.bayesfuse.topology.tracks;

import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.PosteriorUpdate;

import java.util.Set;

/**
 * An estimate of a filter deployment as a posterior update for track-to-track fusion: the
 * quantity is the entity, the source is the estimate's site, the posterior is the estimate's
 * (x, P) at the estimate's time.
 *
 * <p>The version is the estimate's offset in its topic partition. A deployment writes all
 * estimates of an entity to one partition (they are keyed by the entity), in the order it
 * produced them, so offsets are monotone per site and entity; a REVISED estimate, which carries
 * the same time as the estimate it revises, still supersedes it (an event-time version would not).
 * A site's estimates must therefore come from one topic (a site's topic that is recreated starts
 * again at offset 0: give the site a new name, or retract its tracks).
 */
public final class TrackPosteriors {

    /**
     * The statuses that carry the site's current posterior of the entity: UPDATED, REJECTED (the
     * prediction to the refused measurement's time), REVISED, RESET and PREDICTED. SMOOTHED
     * estimates refer to an earlier time than the site's newest and are not fused as its track.
     */
    public static final Set<EstimateStatus> CURRENT_STATES = Set.of(EstimateStatus.UPDATED, EstimateStatus.REJECTED,
            EstimateStatus.REVISED, EstimateStatus.RESET, EstimateStatus.PREDICTED);

    private TrackPosteriors() {
    }

    /** Whether the estimate is its site's current posterior of the entity. */
    public static boolean isCurrentState(Estimate estimate) {
        return CURRENT_STATES.contains(estimate.getStatus());
    }

    /**
     * @param estimate the estimate
     * @param topic    the topic it was read from (the source id when the estimate names no site)
     * @param offset   its offset in its partition (the version)
     */
    public static PosteriorUpdate of(Estimate estimate, String topic, long offset) {
        return PosteriorUpdate.newBuilder()
                .setQuantityId(estimate.getEntityId())
                .setSourceId(estimate.getSite() != null ? estimate.getSite() : topic)
                .setVersion(offset)
                .setTimestamp(estimate.getTimestamp())
                .setPosterior(new GaussianPosterior(estimate.getMean(), new FullCovariance(estimate.getCovariance())))
                .build();
    }
}
