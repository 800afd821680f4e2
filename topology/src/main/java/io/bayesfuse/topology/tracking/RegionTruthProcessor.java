package io.bayesfuse.topology.tracking;

import io.bayesfuse.avro.Truth;
import io.bayesfuse.kernels.codec.RegionStateCodec;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.topology.metrics.TrackingMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * The truth of a region (topic truth, key: region) for scoring its tracks: when the region's newest
 * scan has the truth's time, its tracks are scored now ({@link RegionScoring}); when the truth is ahead
 * of the region, it waits in the truth store for the scan of its time (which the tracking processor
 * scores); truth older than the region's newest scan is not scored. Truth of labelled entities (no
 * region) is not this stage's. The truth topic must be partitioned like the detections topic (same
 * partition count, keys by the default partitioner), so a region's truth reaches its task.
 */
public final class RegionTruthProcessor implements Processor<String, Truth, Void, Void> {

    private final TrackingStage stage;
    private KeyValueStore<String, RegionStateCodec.Stored> regions;
    private KeyValueStore<String, TruthBuffer> truths;
    private RegionTrackers trackers;
    private TrackingMetrics metrics;

    public RegionTruthProcessor(TrackingStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.regions = context.getStateStore(stage.regionStoreName());
        this.truths = context.getStateStore(stage.truthStoreName());
        this.trackers = RegionTrackers.create(stage.base());
        this.metrics = new TrackingMetrics(stage.applicationId());
    }

    @Override
    public void process(Record<String, Truth> record) {
        Truth truth = record.value();
        String region = record.key();
        RegionTracker tracker = region == null ? null : trackers.forRegion(region);
        if (truth == null || tracker == null || !region.equals(truth.getRegion())) {
            return;
        }
        long time = truth.getTimestamp().toEpochMilli();
        List<double[]> states = TruthBuffer.states(truth);
        RegionStateCodec.Stored stored = regions.get(region);
        RegionState state = stored != null && stored.signature().equals(trackers.signature()) ? stored.state() : null;
        if (state != null && state.time() == time) {
            RegionScoring.score(region, tracker, tracker.tracks(region, state), states, metrics);
        } else if (state == null || time > state.time()) {
            TruthBuffer buffer = truths.get(region);
            truths.put(region, (buffer == null ? TruthBuffer.empty() : buffer).with(time, states));
        }
    }
}
