package io.bayesfuse.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.EstimateStatus;
import io.bayesfuse.avro.TrueTarget;
import io.bayesfuse.avro.Truth;
import io.bayesfuse.kernels.tracking.metrics.ConsistencyScore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How good the estimates are where the truth is known (the simulator and the demo publish it on the
 * truth topic):
 * <ul>
 * <li><b>entity filters</b>: each estimate of an entity at a measurement (UPDATED) is paired with the
 * entity's true state at that measurement's time (whichever arrives first waits for the other), and
 * its NEES added to the consistency of its filter (the entity class, or the default filter's type):
 * {@code bayesfuse_filter_anees{filter}} (1 for a consistent filter) and
 * {@code bayesfuse_filter_nees_estimates_total{filter}};</li>
 * <li><b>regions</b>: the tracking stage scores its confirmed tracks itself (GOSPA and ANEES, its meters);
 * this board reads those meters of this instance for the page.</li>
 * </ul>
 * {@link #event} is the page's {@code scores} event: per region the scans scored and the mean GOSPA per
 * scan since the previous event and overall, and ANEES; per filter ANEES and its estimate count. The
 * kernels compute NEES ({@link ConsistencyScore}); this class pairs and counts. Thread-safe.
 */
public final class ScoreBoard {

    /** Estimates or truths kept per entity while they wait for their other half. */
    static final int PENDING = 64;

    private final MeterRegistry registry;
    private final Map<String, Deque<Pending>> truthByEntity = new HashMap<>();
    private final Map<String, Deque<Pending>> estimatesByEntity = new HashMap<>();
    private final Map<String, ConsistencyScore> filters = new TreeMap<>();
    private final Map<String, Counter> paired = new HashMap<>();
    private final Map<String, double[]> previousRegion = new HashMap<>();

    /** A truth state or an estimate waiting for its other half. */
    private record Pending(long time, double[] x, double[] P, String filter) {
    }

    public ScoreBoard() {
        this(Metrics.globalRegistry);
    }

    public ScoreBoard(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The true state of labelled entities (a Truth without a region). */
    public synchronized void truth(Truth truth) {
        if (truth.getRegion() != null) {
            return;
        }
        long time = truth.getTimestamp().toEpochMilli();
        for (TrueTarget target : truth.getTargets()) {
            double[] x = target.getState().stream().mapToDouble(Double::doubleValue).toArray();
            Pending estimate = take(estimatesByEntity, target.getId(), time);
            if (estimate != null) {
                score(estimate, x);
            } else {
                keep(truthByEntity, target.getId(), new Pending(time, x, null, null));
            }
        }
    }

    /** An entity's estimate: scored when it is the estimate at a measurement (UPDATED). */
    public synchronized void estimate(Estimate e) {
        if (e.getStatus() != EstimateStatus.UPDATED || e.getTrackId() != null || e.getMeasurementTimestamp() == null
                || !e.getMeasurementTimestamp().equals(e.getTimestamp())) {
            return;
        }
        long time = e.getTimestamp().toEpochMilli();
        String filter = e.getEntityClass() != null ? e.getEntityClass() : e.getFilterType();
        Pending estimate = new Pending(time, e.getMean().stream().mapToDouble(Double::doubleValue).toArray(),
                e.getCovariance().getValues().stream().mapToDouble(Double::doubleValue).toArray(), filter);
        Pending truth = take(truthByEntity, e.getEntityId(), time);
        if (truth != null) {
            score(estimate, truth.x());
        } else {
            keep(estimatesByEntity, e.getEntityId(), estimate);
        }
    }

    private void score(Pending estimate, double[] truth) {
        if (truth.length != estimate.x().length) {
            return;   // a state of another layout than the truth's: not comparable component by component
        }
        ConsistencyScore score = filters.computeIfAbsent(estimate.filter(), f -> {
            ConsistencyScore s = new ConsistencyScore();
            Gauge.builder("bayesfuse.filter.anees", this, board -> board.aneesOf(f))
                    .description("average NEES / n of the entity estimates paired with the truth, by filter (1: consistent)")
                    .tag("filter", f).register(registry);
            return s;
        });
        if (Double.isFinite(score.add(truth, estimate.x(), estimate.P()))) {
            paired.computeIfAbsent(estimate.filter(), f -> Counter.builder("bayesfuse.filter.nees.estimates")
                    .description("entity estimates paired with the truth, by filter").tag("filter", f).register(registry)).increment();
        }
    }

    private synchronized double aneesOf(String filter) {
        ConsistencyScore s = filters.get(filter);
        return s == null ? Double.NaN : s.anees();
    }

    private static Pending take(Map<String, Deque<Pending>> byEntity, String entityId, long time) {
        Deque<Pending> list = byEntity.get(entityId);
        if (list == null) {
            return null;
        }
        for (var it = list.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.time() == time) {
                it.remove();
                return p;
            }
        }
        return null;
    }

    private static void keep(Map<String, Deque<Pending>> byEntity, String entityId, Pending pending) {
        Deque<Pending> list = byEntity.computeIfAbsent(entityId, id -> new ArrayDeque<>());
        list.addLast(pending);
        while (list.size() > PENDING) {
            list.removeFirst();
        }
    }

    /**
     * {type: "scores", t, regions: {region: {scans, gospa (mean per scan since the last event, or null),
     * gospaMean (overall), missed, false, anees}}, filters: {filter: {anees, n}}}.
     */
    public synchronized ObjectNode event(long time) {
        ObjectNode node = DashboardEvents.JSON.createObjectNode().put("type", "scores").put("t", time);
        ObjectNode regions = node.putObject("regions");
        for (DistributionSummary gospa : Search.in(Metrics.globalRegistry).name("bayesfuse.tracking.gospa").summaries()) {
            String region = gospa.getId().getTag("region");
            double count = gospa.count();
            double total = gospa.totalAmount();
            double[] before = previousRegion.getOrDefault(region, new double[2]);
            ObjectNode r = regions.putObject(region).put("scans", (long) count);
            if (count > before[0]) {
                r.put("gospa", (total - before[1]) / (count - before[0]));
            }
            if (count > 0) {
                r.put("gospaMean", total / count);
            }
            previousRegion.put(region, new double[]{count, total});
            r.put("missed", part(region, "missed")).put("false", part(region, "false"));
            double estimates = sum("bayesfuse.tracking.nees.estimates", region);
            if (estimates > 0) {
                r.put("anees", sum("bayesfuse.tracking.nees.normalised", region) / estimates).put("paired", (long) estimates);
            }
        }
        ObjectNode filterNode = node.putObject("filters");
        filters.forEach((filter, score) -> {
            if (score.count() > 0) {
                filterNode.putObject(filter).put("anees", score.anees()).put("n", score.count());
            }
        });
        return node;
    }

    private static double part(String region, String part) {
        double sum = 0;
        for (Counter c : Search.in(Metrics.globalRegistry).name("bayesfuse.tracking.gospa.parts").tag("region", region)
                .tag("part", part).counters()) {
            sum += c.count();
        }
        return sum;
    }

    private static double sum(String name, String region) {
        double sum = 0;
        for (Counter c : Search.in(Metrics.globalRegistry).name(name).tag("region", region).counters()) {
            sum += c.count();
        }
        return sum;
    }

    /** Filters with a score so far (for tests). */
    synchronized Map<String, Long> pairedByFilter() {
        Map<String, Long> out = new LinkedHashMap<>();
        filters.forEach((f, s) -> out.put(f, s.count()));
        return out;
    }
}
