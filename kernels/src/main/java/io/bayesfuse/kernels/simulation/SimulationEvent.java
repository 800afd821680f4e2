package io.bayesfuse.kernels.simulation;

/** Something the simulation delivers, at its delivery time. */
public sealed interface SimulationEvent {

    /** When it is delivered (ms since start); events come out in this order. */
    long deliveryTime();

    /**
     * A sensor reading, delivered {@code deliveryTime − reading.time()} ms after it was taken, with the
     * target's true state when it was taken (to score the estimate it produces).
     */
    record Reading(SensorReading reading, long deliveryTime, TargetState truth) implements SimulationEvent {
    }

    /**
     * A surveillance scan of a region: unlabelled detections (targets and clutter, in no order) and
     * the true state of every target at the scan time, by entity id. Delivered when taken.
     */
    record Scan(String region, String sensorId, long time, java.util.List<double[]> detections,
                java.util.Map<String, TargetState> truth) implements SimulationEvent {
        @Override
        public long deliveryTime() {
            return time;
        }
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

    /** A labelled example for an online learner, delivered when observed. */
    record LabelledDraw(SimulatedExample example) implements SimulationEvent {
        @Override
        public long deliveryTime() {
            return example.time();
        }
    }
}
