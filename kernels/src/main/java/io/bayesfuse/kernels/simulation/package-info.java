/**
 * A seeded simulator of the world bayesfuse watches, so that demos and tests have truth to
 * compare with:
 * <ul>
 *   <li>{@link io.bayesfuse.kernels.simulation.ManoeuvringTarget}: a 2-D target that flies straight,
 *       turns (coordinated turns) and speeds up or slows down, staying inside an arena;</li>
 *   <li>{@link io.bayesfuse.kernels.simulation.SensorSpec}: position sensors, a range-bearing radar and a
 *       learned "state evidence" feed, each with its own rate, noise, clutter and outages;
 *       {@link io.bayesfuse.kernels.simulation.ArrivalDelays}: late and out-of-order deliveries;</li>
 *   <li>{@link io.bayesfuse.kernels.simulation.BayesianLinearRegression} and
 *       {@link io.bayesfuse.kernels.simulation.RegressionLearner}: learners that each see a shard of the
 *       data of a shared linear model and publish their conjugate posteriors;</li>
 *   <li>{@link io.bayesfuse.kernels.simulation.Simulation}: all of it as one stream of events in the
 *       order they are delivered, a pure function of the {@link io.bayesfuse.kernels.simulation.Scenario}
 *       (and its seed).</li>
 * </ul>
 * Every random stream is a {@link io.bayesfuse.kernels.random.SplitMix64} seeded from the scenario's
 * seed and the stream's name, so one entity's or sensor's numbers do not depend on the others.
 * Times are milliseconds since the start of the simulation.
 */
package io.bayesfuse.kernels.simulation;
