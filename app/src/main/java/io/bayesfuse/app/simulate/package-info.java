/**
 * The simulator's Kafka side: the kernels' {@link io.bayesfuse.kernels.simulation.Simulation}
 * turned into Avro {@code Measurement} and {@code PosteriorUpdate} records
 * ({@link io.bayesfuse.app.simulate.SimulationRecords}) and produced in delivery order, paced to
 * the wall clock or as fast as possible ({@link io.bayesfuse.app.simulate.SimulationRunner}); the
 * truth goes to an in-process {@link io.bayesfuse.app.dashboard.TruthChannel} and optionally to a
 * JSON-lines file. {@code simulate} is the command; {@code demo} runs the same runner.
 */
package io.bayesfuse.app.simulate;
