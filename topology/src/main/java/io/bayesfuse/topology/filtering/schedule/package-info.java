/**
 * What the filter stage does for entities that have no measurement, in stream time only: eviction
 * after a time to live and PREDICTED estimates at tick boundaries.
 * {@link io.bayesfuse.topology.filtering.schedule.EntitySchedule} holds the rules as functions of an
 * entity's newest measurement time and the task's stream time;
 * {@link io.bayesfuse.topology.filtering.schedule.EntityStore} writes each entity together with its
 * entry in a changelogged schedule store keyed by due time
 * ({@link io.bayesfuse.topology.filtering.schedule.ScheduleKeys}), so a restarted or moved task acts
 * exactly as an uninterrupted one; {@link io.bayesfuse.topology.filtering.schedule.EntityUpkeep} range-scans
 * what is due before each record, at most a sweep budget of entities at a time. Nothing here reads the
 * wall clock.
 */
package io.bayesfuse.topology.filtering.schedule;
