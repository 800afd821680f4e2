package io.bayesfuse.kernels.simulation;

/** Something the simulation delivers, at its delivery time. */
public sealed interface SimulationEvent {

    /** When it is delivered (ms since start); events come out in this order. */
    long deliveryTime();

    /** A sensor reading, delivered {@code deliveryTime − reading.time()} ms after it was taken. */
    record Reading(SensorReading reading, long deliveryTime) implements SimulationEvent {
    }

    /** The true state of an entity (for truth overlays and error statistics). */
    record Truth(String entityId, TargetState state) implements SimulationEvent {
        @Override
        public long deliveryTime() {
            return state.time();
        }
    }

    /** A learner's posterior of a shared model. */
    record Posterior(LearnerPosterior posterior) implements SimulationEvent {
        @Override
        public long deliveryTime() {
            return posterior.time();
        }
    }
}
