package io.bayesfuse.topology.metrics;

import io.bayesfuse.kernels.learning.Calibration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The learner stage's prequential scores, per model, as running sums a dashboard or Prometheus
 * turns into learning curves (rate of one over rate of another): examples scored
 * ({@code bayesfuse_learner_examples_total}), the mean log predictive density of the newest batch
 * ({@code bayesfuse_learner_batch_log_predictive}, a gauge: it may have either sign), regression examples inside the central 50/90/95%
 * predictive intervals ({@code bayesfuse_learner_interval_hits_total{level}}), classification examples
 * whose most probable class was right ({@code bayesfuse_learner_correct_total}), batches learned and
 * models restarted from their prior; and per batch, as gauges (the learning curve's newest point), the
 * fraction inside the intervals ({@code bayesfuse_learner_batch_coverage{level}}) or of right classes
 * ({@code bayesfuse_learner_batch_accuracy}). Every example is scored before its batch updates the
 * model. The same points feed {@link LearningCurves} (the dashboard's learning curves).
 * One instance per processor (not thread-safe).
 */
public final class LearnerMetrics {

    private final MeterRegistry registry;
    private final String application;
    private final Map<String, Counter> counters = new HashMap<>();
    /**
     * The gauges' values, shared by every processor of a registry and application: a gauge is registered once, so a
     * task that moves to another processor (a rebalance) must write into the same holder.
     */
    private static final Map<List<Object>, AtomicLong> GAUGES = new ConcurrentHashMap<>();

    public LearnerMetrics(String application) {
        this(Metrics.globalRegistry, application);
    }

    public LearnerMetrics(MeterRegistry registry, String application) {
        this.registry = registry;
        this.application = application;
    }

    private Counter counter(String name, String description, String model, String level) {
        return counters.computeIfAbsent(name + '\u0000' + model + '\u0000' + level, k -> {
            Counter.Builder builder = Counter.builder(name).description(description).tag("application", application)
                    .tag("model", model);
            if (level != null) {
                builder.tag("level", level);
            }
            return builder.register(registry);
        });
    }

    /** A batch was learned; {@code scores} are its examples' prequential scores, {@code time} its event time. */
    public void learned(String model, Calibration scores, boolean classifier, long time) {
        counter("bayesfuse.learner.batches", "mini-batches learned", model, null).increment();
        counter("bayesfuse.learner.examples", "examples scored and learned", model, null).increment(scores.examples());
        gauge("bayesfuse.learner.batch.log.predictive", "mean log predictive density of the newest batch's examples, before"
                + " learning them", model, null, scores.meanLogPredictive());
        double n = Math.max(1, scores.examples());
        if (classifier) {
            counter("bayesfuse.learner.correct", "examples whose most probable class (before learning them) was right", model, null)
                    .increment(scores.correct());
            gauge("bayesfuse.learner.batch.accuracy", "fraction of the newest batch's examples whose most probable class was right",
                    model, null, scores.correct() / n);
            LearningCurves.add(application, model, (int) scores.examples(), time, scores.meanLogPredictive(), Double.NaN,
                    scores.correct() / n);
            return;
        }
        for (int i = 0; i < Calibration.LEVELS.length; i++) {
            String level = String.format(Locale.ROOT, "%.2f", Calibration.LEVELS[i]);
            counter("bayesfuse.learner.interval.hits", "examples inside the central predictive interval of this level", model,
                    level).increment(scores.covered()[i]);
            gauge("bayesfuse.learner.batch.coverage", "fraction of the newest batch's examples inside the central predictive"
                    + " interval of this level", model, level, scores.covered()[i] / n);
        }
        LearningCurves.add(application, model, (int) scores.examples(), time, scores.meanLogPredictive(),
                scores.covered()[Calibration.LEVELS.length - 1] / n, Double.NaN);
    }

    /**
     * Sets a gauge, registered once per registry, application, model and level: a task that moves to
     * another processor (a rebalance) writes into the same holder.
     */
    private void gauge(String name, String description, String model, String level, double value) {
        GAUGES.computeIfAbsent(java.util.Arrays.asList(registry, application, name, model, level), key -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.Builder<AtomicLong> builder = Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get()))
                    .description(description).tag("application", application).tag("model", model);
            if (level != null) {
                builder.tag("level", level);
            }
            builder.register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }

    /** A model's posterior stopped being positive definite and it restarted from its prior. */
    public void restarted(String model) {
        counter("bayesfuse.learner.restarts", "models restarted from their prior after a failed update", model, null).increment();
    }
}
