/**
 * Per-sensor state in the filter stage: what is watched on a sensor, compiled from its configuration
 * ({@link io.bayesfuse.topology.sensors.SensorWatch}: its learned R, a changepoint detector and the action
 * a detection triggers), how one measurement changes it
 * ({@link io.bayesfuse.topology.sensors.SensorMonitor}, which only routes values to the kernels), and what
 * is kept in the task's sensor store ({@link io.bayesfuse.topology.sensors.SensorState}, in the versioned
 * binary format of {@link io.bayesfuse.topology.sensors.SensorStateSerde}). The state is kept per
 * (measurements partition, sensor), so it lives in the same task and transaction as the entities it acts
 * on and output stays a function of each partition's input order.
 */
package io.bayesfuse.topology.sensors;
