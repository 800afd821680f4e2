/**
 * The filter stage: {@link io.bayesfuse.topology.filtering.EntityFilterProcessor} turns one measurement
 * into one estimate of its entity by running the kernels'
 * {@link io.bayesfuse.kernels.entity.EntityTracker}, the logic {@code replay} runs, on the entity's stored
 * state. {@link io.bayesfuse.topology.filtering.FilterSelection} compiles the trackers of a configuration
 * (built by {@link io.bayesfuse.topology.assembly.TrackerFactory}) and picks one per entity (the entity's
 * class, else the default filter); {@link io.bayesfuse.topology.filtering.Measurements} checks
 * what only the stream knows (key, event time). An entity is stored as a
 * {@link io.bayesfuse.topology.filtering.TrackedEntity} in the versioned binary format of
 * {@link io.bayesfuse.topology.filtering.TrackedEntitySerde}; trackers are not thread-safe, so each stream
 * thread builds its own.
 *
 * <p>Entities without measurements are evicted and predicted in stream time only:
 * {@link io.bayesfuse.topology.filtering.EntitySchedule} holds the rules, {@link io.bayesfuse.topology.filtering.EntityStore}
 * writes each entity with its entry in a changelogged schedule store keyed by due time
 * ({@link io.bayesfuse.topology.filtering.ScheduleKeys}), and {@link io.bayesfuse.topology.filtering.EntityUpkeep}
 * range-scans what is due before each record, at most a sweep budget at a time. Nothing here reads the wall clock.
 */
package io.bayesfuse.topology.filtering;
