package io.bayesfuse.topology.metrics;

import io.bayesfuse.avro.EstimateStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The filter stage's own metrics, beside Kafka Streams': estimates by status and sensor
 * ({@code bayesfuse_filter_estimates_total}), the NIS distribution per sensor
 * ({@code bayesfuse_filter_nis}), smoothed estimates ({@code bayesfuse_filter_smoothed_total}), detected
 * changepoints ({@code bayesfuse_filter_changepoints_total}) and evictions. Meters are looked up once and cached, so recording
 * costs a map lookup per record. One instance per processor (not thread-safe).
 */
public final class FilterMetrics {

    private final MeterRegistry registry;
    private final String application;
    private final Map<EstimateStatus, Map<String, Counter>> estimates = new EnumMap<>(EstimateStatus.class);
    private final Map<String, DistributionSummary> nis = new HashMap<>();
    private final Counter evictions;
    private final Map<String, Counter> smoothed = new HashMap<>();
    private final Map<String, Counter> changepoints = new HashMap<>();

    public FilterMetrics(String application) {
        this(Metrics.globalRegistry, application);
    }

    public FilterMetrics(MeterRegistry registry, String application) {
        this.registry = registry;
        this.application = application;
        this.evictions = Counter.builder("bayesfuse.filter.evictions").description("entities evicted after their TTL")
                .tag("application", application).register(registry);
    }

    public void estimate(EstimateStatus status, String sensorId) {
        String sensor = sensorId == null ? "" : sensorId;
        estimates.computeIfAbsent(status, k -> new HashMap<>()).computeIfAbsent(sensor, k -> Counter.builder(
                        "bayesfuse.filter.estimates")
                .description("estimates published, by status and sensor")
                .tag("application", application).tag("status", status.name()).tag("sensor", sensor)
                .register(registry)).increment();
    }

    public void nis(String sensorId, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        nis.computeIfAbsent(sensorId, s -> DistributionSummary.builder("bayesfuse.filter.nis")
                .description("normalised innovation squared of applied measurements, by sensor")
                .tag("application", application).tag("sensor", s)
                .publishPercentiles(0.5, 0.95, 0.99)
                .serviceLevelObjectives(0.5, 1, 2, 4, 6, 8, 10, 15, 20, 30)
                .register(registry)).record(value);
    }

    /** A SMOOTHED estimate published, by entity class ("" for the default filter). */
    public void smoothed(String entityClass) {
        String c = entityClass == null ? "" : entityClass;
        smoothed.computeIfAbsent(c, k -> Counter.builder("bayesfuse.filter.smoothed")
                .description("fixed-lag smoothed estimates published, by entity class")
                .tag("application", application).tag("entity_class", k).register(registry)).increment();
    }

    /** A change detected on a sensor, by sensor and action (NONE, INFLATE_R, RESET_ENTITIES). */
    public void changepoint(String sensorId, String action) {
        changepoints.computeIfAbsent(sensorId + '\u0000' + action, k -> Counter.builder("bayesfuse.filter.changepoints")
                .description("changes detected on sensors, by sensor and action")
                .tag("application", application).tag("sensor", sensorId).tag("action", action).register(registry)).increment();
    }

    public void evicted(long count) {
        evictions.increment(count);
    }
}
