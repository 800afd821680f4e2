package io.bayesfuse.topology.filtering;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityStatus;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.NoisePolicy;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;

/**
 * One measurement applied to its entity: the entity's stored state is read, the kernels' tracker of
 * the selected filter runs on it (a state another filter built restarts from the prior) and the new
 * state is stored. Bad input and TOO_LATE measurements are thrown as {@link DeadLetterException}
 * before anything is stored.
 */
final class EntityUpdate {

    /** What the measurement did: the kernels' result and the estimate's status and message. */
    record Outcome(TrackingResult result, EstimateStatus status, String message) {
    }

    private final EntityStore entities;

    EntityUpdate(EntityStore entities) {
        this.entities = entities;
    }

    /**
     * @param noise the policy that chooses the measurement's R ({@link NoisePolicy})
     * @param note  the estimate's message when nothing else needs saying (an R inflation in force), or null
     * @param now   stream time
     */
    Outcome apply(String entityId, SelectedFilter filter, Measurement m, NoisePolicy noise, String note, long now) {
        TrackedEntity stored = entities.get(entityId, now);
        EntityState state = stored != null && stored.builtBy(filter) ? stored.state() : null;
        TrackingResult result = track(entityId, filter, state, m, noise);
        EstimateStatus status = Estimates.status(result.status());
        String message = result.detail();
        if (stored != null && state == null) {
            status = EstimateStatus.RESET;
            message = "entity now served by " + describe(filter.entityClass(), filter.filterType()) + ", was "
                    + describe(stored.entityClass(), stored.filterType()) + "; restarted from its prior";
        }
        entities.put(entityId, stored, new TrackedEntity(filter.entityClass(), filter.filterType(), result.state()), now);
        return new Outcome(result, status, message != null ? message : note);
    }

    private static TrackingResult track(String entityId, SelectedFilter filter, EntityState state, Measurement m, NoisePolicy noise) {
        TrackingResult result;
        try {
            result = filter.tracker().process(entityId, state, m, noise);
        } catch (InvalidInputException e) {
            throw DeadLetterReasons.exception(e);
        }
        if (result.status() == EntityStatus.TOO_LATE) {
            throw new DeadLetterException(DeadLetterReason.TOO_LATE, "entity '" + entityId + "': " + result.detail());
        }
        return result;
    }

    private static String describe(String entityClass, String filterType) {
        return (entityClass == null ? "the default filter" : "entity class '" + entityClass + "'") + " (" + filterType + ")";
    }
}
