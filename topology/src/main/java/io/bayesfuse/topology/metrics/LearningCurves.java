package io.bayesfuse.topology.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prequential learning curves of this process's learners, per application and model: one point
 * per mini-batch learned, each batch's examples scored before the batch updated the model. The
 * newest {@value #POINTS} points per model are kept in memory for the dashboard (Prometheus gets the
 * same numbers as gauges and counters from {@link LearnerMetrics}). Thread-safe.
 */
public final class LearningCurves {

    /** Points kept per model. */
    public static final int POINTS = 300;

    /**
     * One mini-batch's scores.
     *
     * @param examples          examples learned by the model in this process up to and including the batch
     * @param time              the batch's event time (ms)
     * @param meanLogPredictive the batch's mean log predictive density (or probability of the true class)
     * @param coverage95        the fraction of the batch inside its central 95% predictive intervals (regression; NaN otherwise)
     * @param accuracy          the fraction whose most probable class was right (classification; NaN otherwise)
     */
    public record Point(long examples, long time, double meanLogPredictive, double coverage95, double accuracy) {
    }

    private static final Map<String, Curve> CURVES = new ConcurrentHashMap<>();

    private LearningCurves() {
    }

    private static final class Curve {
        private final Deque<Point> points = new ArrayDeque<>();
        private long examples;
    }

    static void add(String application, String model, int batchExamples, long time, double meanLogPredictive, double coverage95,
                    double accuracy) {
        Curve curve = CURVES.computeIfAbsent(application + '\u0000' + model, k -> new Curve());
        synchronized (curve) {
            curve.examples += batchExamples;
            curve.points.addLast(new Point(curve.examples, time, meanLogPredictive, coverage95, accuracy));
            while (curve.points.size() > POINTS) {
                curve.points.removeFirst();
            }
        }
    }

    /** The curves of an application's models, by model id. */
    public static Map<String, List<Point>> of(String application) {
        String prefix = application + '\u0000';
        Map<String, List<Point>> curves = new TreeMap<>();
        CURVES.forEach((key, curve) -> {
            if (key.startsWith(prefix)) {
                synchronized (curve) {
                    curves.put(key.substring(prefix.length()), new ArrayList<>(curve.points));
                }
            }
        });
        return curves;
    }
}
