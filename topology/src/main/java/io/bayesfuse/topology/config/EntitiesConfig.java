package io.bayesfuse.topology.config;

/**
 * The life of entities in the filter stage, e.g.
 * <pre>
 * entities:
 *   ttlMillis: 3600000                 # evict entities idle this long in event time (default: never)
 *   predictionTicks:                   # optional: PREDICTED estimates for quiet entities, for dashboards
 *     intervalMillis: 1000             # ticks every this many ms of stream time (multiples of it since the epoch)
 *     idleMillis: 2000                 # entities without a measurement for this long (event time) get one
 *   sweepBudget: 1000                  # evictions and predictions done before one input record, at most
 * </pre>
 * Both act in stream time only (see {@link io.bayesfuse.topology.filtering.EntitySchedule}): what is
 * evicted or predicted when is a function of the input, whatever restarts happened, and a
 * partition whose input stops publishes nothing more.
 *
 * @param ttlMillis       idle time after which an entity's state is deleted; null keeps entities forever
 * @param predictionTicks prediction ticks; null for none
 * @param sweepBudget     evictions and predictions done before one input record, at most (default
 *                        {@value #DEFAULT_SWEEP_BUDGET}); what is left waits for the next records
 */
public record EntitiesConfig(Long ttlMillis, PredictionTicksConfig predictionTicks, Integer sweepBudget) {

    public static final EntitiesConfig DEFAULT = new EntitiesConfig(null, null, null);
    public static final int DEFAULT_SWEEP_BUDGET = 1000;

    public int sweepBudgetOrDefault() {
        return sweepBudget == null ? DEFAULT_SWEEP_BUDGET : sweepBudget;
    }

    void validate(String path, Problems problems) {
        if (ttlMillis != null && ttlMillis <= 0) {
            problems.add(path + ".ttlMillis", "is " + ttlMillis + ", must be > 0 (leave it out to keep entities forever)");
        }
        if (predictionTicks != null) {
            predictionTicks.validate(path + ".predictionTicks", problems);
        }
        if (sweepBudget != null && sweepBudget < 1) {
            problems.add(path + ".sweepBudget", "is " + sweepBudget + ", must be at least 1");
        }
    }

    /**
     * @param intervalMillis the ticks' period in stream time: ticks fall on the multiples of it
     * @param idleMillis     how long (event time) an entity has had no measurement before a tick predicts it
     */
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
