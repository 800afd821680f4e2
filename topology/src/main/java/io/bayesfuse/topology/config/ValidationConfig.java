package io.bayesfuse.topology.config;

/**
 * Input checks beyond the models' own, e.g. {@code validation: {maxFutureMillis: 60000}}.
 *
 * @param maxFutureMillis how far a measurement's event time may lie ahead of the Kafka timestamp
 *                        of its record before it is dead-lettered as FUTURE_TIMESTAMP (default one minute)
 */
public record ValidationConfig(Long maxFutureMillis) {

    public static final ValidationConfig DEFAULT = new ValidationConfig(null);

    public long maxFutureMillisOrDefault() {
        return maxFutureMillis == null ? 60_000L : maxFutureMillis;
    }

    void validate(String path, Problems problems) {
        if (maxFutureMillis != null && maxFutureMillis < 0) {
            problems.add(path + ".maxFutureMillis", "is " + maxFutureMillis + ", must be >= 0");
        }
    }
}
