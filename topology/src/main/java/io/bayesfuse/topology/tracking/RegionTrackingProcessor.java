package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DetectionScan;
import io.bayesfuse.avro.Estimate;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.codec.RegionStateCodec;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.kernels.tracking.ScanResult;
import io.bayesfuse.kernels.tracking.TrackReport;
import io.bayesfuse.kernels.tracking.TrackStatus;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.metrics.TrackingMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * The tracking stage: one detection scan in, the tracks of its region out (keyed by track id).
 * <ol>
 * <li>check what only the stream knows (key = region, event time) — {@link DetectionScans};</li>
 * <li>find the region's tracker (unknown regions are refused when the configuration lists them);</li>
 * <li>run the kernels' per-region logic on the stored state — the same {@code RegionTracker} that
 * {@code track} runs;</li>
 * <li>store the region and publish every track's estimate (TENTATIVE, CONFIRMED, DELETED);</li>
 * <li>when the truth of the scan's time is known, score the tracks ({@link RegionScoring}).</li>
 * </ol>
 * Bad input (wrong key, no time, unknown sensor or region, wrong dimension, NaN) and TOO_LATE scans are
 * thrown as {@link DeadLetterException} before any state changes. A tombstone clears the region: its
 * tracks are published DELETED and the next track gets the next number. A region stored by another filter or motion models starts again.
 */
public final class RegionTrackingProcessor implements Processor<String, DetectionScan, String, Estimate> {

    private final TrackingStage stage;
    private ProcessorContext<String, Estimate> context;
    private KeyValueStore<String, RegionStateCodec.Stored> regions;
    private KeyValueStore<String, TruthBuffer> truths;
    private RegionTrackers trackers;
    private TrackingMetrics metrics;

    public RegionTrackingProcessor(TrackingStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, Estimate> context) {
        this.context = context;
        this.regions = context.getStateStore(stage.regionStoreName());
        this.truths = context.getStateStore(stage.truthStoreName());
        this.trackers = RegionTrackers.create(stage.base());
        this.metrics = new TrackingMetrics(stage.applicationId());
    }

    @Override
    public void process(Record<String, DetectionScan> record) {
        String region = record.key();
        if (record.value() == null) {
            clear(region, record);
            return;
        }
        Scan scan = DetectionScans.toKernel(region, record.value(), record.timestamp(), stage.maxFutureMillis());
        RegionTracker tracker = trackerOf(region);
        ScanResult result;
        try {
            result = tracker.process(region, stored(region), scan);
        } catch (InvalidInputException e) {
            throw new DeadLetterException(DeadLetterReasons.of(e), "region '" + region + "': " + e.getMessage(), e);
        }
        if (result.status() == ScanResult.Status.TOO_LATE) {
            throw new DeadLetterException(DeadLetterReason.TOO_LATE, "region '" + region + "': " + result.detail());
        }
        regions.put(region, new RegionStateCodec.Stored(trackers.signature(), result.state()));
        boolean revised = result.status() == ScanResult.Status.REVISED;
        String note = revised ? "revised by the late scan at " + scan.timestamp() : null;
        publish(region, result.reports(), result.time(), scan.sensorId(), scan.timestamp(), note, record.timestamp());
        metrics.scan(region, revised ? "revised" : "applied", scan.detections().size());
        score(region, tracker, result);
    }

    /** Scores the region's tracks when the truth of the scan's time came first ({@link RegionTruthProcessor}). */
    private void score(String region, RegionTracker tracker, ScanResult result) {
        TruthBuffer buffer = truths.get(region);
        if (buffer == null) {
            return;
        }
        List<double[]> truth = buffer.at(result.time());
        if (truth != null) {
            RegionScoring.score(region, tracker, result.reports(), truth, metrics);
        }
        TruthBuffer rest = buffer.after(result.time());
        if (rest.isEmpty()) {
            truths.delete(region);
        } else if (rest.byTime().size() != buffer.byTime().size()) {
            truths.put(region, rest);
        }
    }

    private RegionTracker trackerOf(String region) {
        RegionTracker tracker = region == null ? null : trackers.forRegion(region);
        if (tracker == null) {
            throw new DeadLetterException(region == null ? DeadLetterReason.KEY_MISMATCH : DeadLetterReason.OTHER,
                    region == null ? "a detection scan needs its region as key"
                            : "region '" + region + "' is not one of tracking.regions " + trackers.listedRegions());
        }
        return tracker;
    }

    /** The region's stored state, or null when new or built by another configuration. */
    private RegionState stored(String region) {
        RegionStateCodec.Stored stored = regions.get(region);
        return stored != null && stored.signature().equals(trackers.signature()) ? stored.state() : null;
    }

    /** A tombstone: the region's tracks end (its track numbering is kept, so no id is ever reused). */
    private void clear(String region, Record<String, DetectionScan> record) {
        RegionState state = region == null ? null : stored(region);
        RegionTracker tracker = region == null ? null : trackers.forRegion(region);
        if (state == null || tracker == null) {
            return;
        }
        List<TrackReport> ended = tracker.tracks(region, state).stream()
                .map(t -> new TrackReport(t.trackId(), t.number(), TrackStatus.DELETED, t.x(), t.P(), "the region was cleared"))
                .toList();
        publish(region, ended, state.time(), null, state.time(), null, record.timestamp());
        regions.put(region, new RegionStateCodec.Stored(trackers.signature(), tracker.cleared(state)));
    }

    private void publish(String region, List<TrackReport> reports, long time, String sensorId, long scanTime, String note,
                         long recordTimestamp) {
        Lineage lineage = lineage();
        for (TrackReport report : reports) {
            context.forward(new Record<>(report.trackId(), TrackEstimates.of(region, report, time, sensorId, scanTime, trackers,
                    lineage, stage.site(), note), recordTimestamp));
            metrics.track(region, report.status().name());
        }
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
