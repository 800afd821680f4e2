package io.bayesfuse.app.dashboard;

/**
 * Where a simulator running in the same process sends the truth, for the dashboard's overlay.
 * Truth is not published on Kafka: it exists only where the world is simulated.
 */
public interface TruthChannel {

    /** A channel that drops everything. */
    TruthChannel NONE = new TruthChannel() {
        @Override
        public void entity(String entityId, long time, double x, double y) {
        }

        @Override
        public void quantity(String quantityId, double[] weights) {
        }
    };

    /** The true position of an entity at event time {@code time} (epoch ms). */
    void entity(String entityId, long time, double x, double y);

    /** The true value of a shared quantity the learners estimate. */
    void quantity(String quantityId, double[] weights);
}
