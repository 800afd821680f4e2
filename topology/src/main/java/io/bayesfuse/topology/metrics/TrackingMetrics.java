package io.bayesfuse.topology.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The tracking stage's own metrics: scans applied by region and outcome
 * ({@code bayesfuse_tracking_scans_total{region, outcome}}: applied, revised), detections
 * ({@code bayesfuse_tracking_detections_total{region}}), track estimates published by region and
 * status ({@code bayesfuse_tracking_tracks_total{region, status}}) and, where the truth is known, the
 * score: GOSPA per scored scan ({@code bayesfuse_tracking_gospa{region}}, a summary: its sum over its
 * count is the mean GOSPA per scan), its parts ({@code bayesfuse_tracking_gospa_parts_total{region,
 * part}}: localisation, missed, false) and the consistency of the confirmed tracks paired with a target
 * ({@code bayesfuse_tracking_nees_normalised_total} / {@code bayesfuse_tracking_nees_estimates_total}
 * = ANEES). One instance per processor.
 */
public final class TrackingMetrics {

    private final MeterRegistry registry;
    private final String application;
    private final Map<String, Counter> scans = new HashMap<>();
    private final Map<String, Counter> detections = new HashMap<>();
    private final Map<String, Counter> tracks = new HashMap<>();
    private final Map<String, DistributionSummary> gospa = new HashMap<>();
    private final Map<String, Counter> parts = new HashMap<>();
    private final Map<String, Counter> nees = new HashMap<>();

    public TrackingMetrics(String application) {
        this(Metrics.globalRegistry, application);
    }

    public TrackingMetrics(MeterRegistry registry, String application) {
        this.registry = registry;
        this.application = application;
    }

    /** A scan applied to a region: "applied" in order, or "revised" (a late scan re-ran the region). */
    public void scan(String region, String outcome, int detectionCount) {
        scans.computeIfAbsent(region + '\u0000' + outcome, k -> Counter.builder("bayesfuse.tracking.scans")
                .description("detection scans applied, by region and outcome (applied, revised)")
                .tag("application", application).tag("region", region).tag("outcome", outcome).register(registry)).increment();
        detections.computeIfAbsent(region, k -> Counter.builder("bayesfuse.tracking.detections")
                .description("detections in the scans applied, by region")
                .tag("application", application).tag("region", region).register(registry)).increment(detectionCount);
    }

    /**
     * One scored scan: its GOSPA and parts, and the paired confirmed tracks' Σ NEES/n over {@code paired} estimates.
     */
    public void score(String region, double total, double localisation, double missed, double falseTracks, long paired,
                      double normalisedNeesSum) {
        gospa.computeIfAbsent(region, k -> DistributionSummary.builder("bayesfuse.tracking.gospa")
                .description("GOSPA (p=1, c=10, alpha=2) of the confirmed tracks per scored scan, by region")
                .tag("application", application).tag("region", region).register(registry)).record(total);
        part(region, "localisation", localisation);
        part(region, "missed", missed);
        part(region, "false", falseTracks);
        counter(nees, region + "\u0000n", "bayesfuse.tracking.nees.estimates", "confirmed tracks paired with a target", region)
                .increment(paired);
        counter(nees, region + "\u0000s", "bayesfuse.tracking.nees.normalised", "sum of NEES/n of the confirmed tracks paired "
                + "with a target (divided by bayesfuse_tracking_nees_estimates: ANEES)", region).increment(normalisedNeesSum);
    }

    private void part(String region, String part, double value) {
        parts.computeIfAbsent(region + '\u0000' + part, k -> Counter.builder("bayesfuse.tracking.gospa.parts")
                .description("GOSPA summed over the scored scans, by region and part (localisation, missed, false)")
                .tag("application", application).tag("region", region).tag("part", part).register(registry)).increment(value);
    }

    private Counter counter(Map<String, Counter> cache, String key, String name, String description, String region) {
        return cache.computeIfAbsent(key, k -> Counter.builder(name).description(description)
                .tag("application", application).tag("region", region).register(registry));
    }

    /** A track estimate published, by region and status (TENTATIVE, CONFIRMED, DELETED). */
    public void track(String region, String status) {
        tracks.computeIfAbsent(region + '\u0000' + status, k -> Counter.builder("bayesfuse.tracking.tracks")
                .description("track estimates published, by region and status")
                .tag("application", application).tag("region", region).tag("status", status).register(registry)).increment();
    }
}
