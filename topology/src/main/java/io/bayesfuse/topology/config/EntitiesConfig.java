package io.bayesfuse.topology.config;

/**
 * The life of entities in the filter stage, e.g.
 * <pre>
 * entities:
 *   ttlMillis: 3600000                 # evict entities idle this long in event time (default: never)
 *   predictionTicks:                   # optional: PREDICTED estimates for quiet entities, for dashboards
 *     intervalMillis: 1000             # wall-clock period of the ticks
 *     idleMillis: 2000                 # entities without a measurement for this long (event time) get one
 * </pre>
 *
 * @param ttlMillis       idle time after which an entity's state is deleted; null keeps entities forever
 * @param predictionTicks prediction ticks; null for none
 */
public record EntitiesConfig(Long ttlMillis, PredictionTicksConfig predictionTicks) {

    public static final EntitiesConfig DEFAULT = new EntitiesConfig(null, null);

    void validate(String path, Problems problems) {
        if (ttlMillis != null && ttlMillis <= 0) {
            problems.add(path + ".ttlMillis", "is " + ttlMillis + ", must be > 0 (leave it out to keep entities forever)");
        }
        if (predictionTicks != null) {
            predictionTicks.validate(path + ".predictionTicks", problems);
        }
    }

    /** @param intervalMillis wall-clock period; @param idleMillis event-time quiet period before a tick predicts */
    public record PredictionTicksConfig(Long intervalMillis, Long idleMillis) {

        public long intervalMillisOrDefault() {
            return intervalMillis == null ? 1000L : intervalMillis;
        }

        public long idleMillisOrDefault() {
            return idleMillis == null ? intervalMillisOrDefault() : idleMillis;
        }

        void validate(String path, Problems problems) {
            if (intervalMillis != null && intervalMillis < 10) {
                problems.add(path + ".intervalMillis", "is " + intervalMillis + ", must be at least 10");
            }
            if (idleMillis != null && idleMillis < 0) {
                problems.add(path + ".idleMillis", "is " + idleMillis + ", must be >= 0");
            }
        }
    }
}
