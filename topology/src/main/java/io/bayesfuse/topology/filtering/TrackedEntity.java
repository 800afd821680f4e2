package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.EntityState;

import java.util.Objects;

/**
 * What the filter stage stores per entity: the kernels' filter state and which filter built it
 * (the entity class, null for the default filter, and the filter type), so that a state is only
 * ever continued by the kind of filter that produced it.
 *
 * @param entityClass the entity class whose filter built the state, or null for the default filter
 * @param filterType  the filter type (kf, ekf, ukf, information, particle, imm)
 * @param state       the kernels' per-entity state
 */
public record TrackedEntity(String entityClass, String filterType, EntityState state) {

    public TrackedEntity {
        Objects.requireNonNull(filterType, "filterType");
        Objects.requireNonNull(state, "state");
    }

    /** True when {@code filter} may continue this state. */
    public boolean builtBy(SelectedFilter filter) {
        return Objects.equals(entityClass, filter.entityClass()) && filterType.equals(filter.filterType());
    }
}
