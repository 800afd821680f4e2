package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.PosteriorUpdate;

import java.util.Objects;

/**
 * What reaches the fusion processor for a quantity: a posterior-update record (a posterior, or a
 * retraction by null posterior), or a tombstone that retracts one source, re-keyed by its quantity.
 */
public sealed interface PosteriorInput {

    /** A posterior-update record as it was read, keyed by its quantity. */
    record Update(PosteriorUpdate update) implements PosteriorInput {
        public Update {
            Objects.requireNonNull(update, "update");
        }
    }

    /**
     * A Kafka tombstone keyed {@code quantityId/sourceId}, now keyed by the quantity.
     *
     * @param sourceId the source it retracts
     * @param origin   where the tombstone was read (the posterior-updates topic), or null
     */
    record Tombstone(String sourceId, Lineage origin) implements PosteriorInput {
        public Tombstone {
            Objects.requireNonNull(sourceId, "sourceId");
        }
    }
}
