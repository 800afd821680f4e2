package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FusionMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The fusion of chunked quantities: one chunk of one source's posterior in, that chunk's fused
 * slice out. Each chunk is a fusion of its own (its own header, one record per source, its own
 * expiry entries), keyed quantityId#chunkIndex, so the chunks of a large model spread over
 * partitions and instances and an update moves only its chunks; the rule is elementwise (Fisher
 * merging, the product of diagonal Gaussians or of information slices), so fusing chunk by chunk
 * gives exactly the whole-vector result. The same version and time-to-live rules as whole
 * posteriors apply, per chunk; every fused chunk names its source set (count and digest), so a
 * consumer can tell when all chunks include the same source versions.
 */
public final class ChunkFusionProcessor implements Processor<String, PosteriorChunk, String, FusedChunk> {

    private final FusionStage stage;
    private ProcessorContext<String, FusedChunk> context;
    private FusionTask task;
    private LiveConfig<FusionSelection> selection;
    private FusionMetrics metrics;

    public ChunkFusionProcessor(FusionStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, FusedChunk> context) {
        this.context = context;
        this.selection = stage.selection(context);
        this.metrics = new FusionMetrics(stage.applicationId());
        this.task = new FusionTask(stage.stores(context, 0), metrics); // a chunk's header is as large as its chunk: none kept decoded
    }

    @Override
    public void process(Record<String, PosteriorChunk> record) {
        Chunks.Input input = Chunks.toKernel(record.key(), record.value(), record.timestamp(), stage.maxFutureMillis());
        String quantityId = record.value().getQuantityId();
        String what = "chunk " + input.geometry().index() + " of quantity '" + quantityId + "'";
        SelectedFusion settings = settingsOf(quantityId, input);
        long now = context.currentStreamTimeMs();
        task.expireDue(now, this::settingsOfStored, this::publishExpired);
        FusionStores.Loaded loaded = task.load(input.fusionKey(), settings);
        if (loaded.chunk() != null && !loaded.chunk().equals(input.geometry())) {
            throw new DeadLetterException(DeadLetterReason.WRONG_DIMENSION, what + ": source '" + input.offer().sourceId()
                    + "' sent it as " + input.geometry() + " but the quantity's chunk lies at " + loaded.chunk());
        }
        loaded = loaded.withChunk(input.geometry());
        task.offer(what, loaded.quantity(), input.offer(), record.timestamp(), now);
        QuantityFusion.Fused fused = task.resultOrRefuse(what, loaded.quantity(), input.offer().sourceId());
        task.stores().save(loaded);
        FusionChange change = input.offer().isRetraction() ? FusionChange.RETRACTED : FusionChange.UPDATED;
        context.forward(new Record<>(record.key(), FusedChunks.of(quantityId, settings.method(), input.geometry(), fused,
                input.offer().sourceId(), input.offer().version(), lineage(), change), record.timestamp()));
        metrics.published(settings.method(), change);
    }

    /** The quantity's settings for this chunk's rule: chosen by the slice's form, or for a retraction by the stored chunk. */
    private SelectedFusion settingsOf(String quantityId, Chunks.Input input) {
        SelectedFusion settings = selection.current().forQuantity(quantityId);
        if (settings == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_METHOD, "quantity '" + quantityId + "' has no fusion"
                    + " method: configure fusion (the default) or quantities." + quantityId);
        }
        if (settings.config().trust() != null && !input.offer().isRetraction()) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_METHOD, "quantity '" + quantityId + "' has trust"
                    + " configured (" + trustSetting(settings) + "), which chunked posteriors cannot honour: a chunk"
                    + " alone cannot be tested against the other sources' whole posteriors; send whole posteriors or drop trust");
        }
        FusionMethod rule = input.offer().isRetraction() ? storedRule(input.fusionKey())
                : settings.rules().chunkRuleFor(input.offer().posterior());
        if (rule == null && input.offer().isRetraction()) {
            throw new DeadLetterException(DeadLetterReason.OTHER, "chunk " + input.geometry().index() + " of quantity '" + quantityId
                    + "': retraction of source '" + input.offer().sourceId() + "': the chunk has no sources");
        }
        if (rule == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_METHOD, "quantity '" + quantityId + "' is fused by "
                    + settings.method() + ", which cannot fuse a chunk holding a " + input.offer().posterior().form()
                    + " slice: chunks are fused elementwise, by fisher (Fisher slices) or by product without a prior or with an"
                    + " isotropic one (diagonal Gaussian or information slices)");
        }
        return settings.forChunks(rule);
    }

    /** Where the quantity's trust is configured: its own settings or the default. */
    private static String trustSetting(SelectedFusion settings) {
        return settings.settingsId().equals(BayesfuseConfig.DEFAULT_QUANTITY_SETTINGS) ? "fusion.trust"
                : "quantities." + settings.settingsId() + ".trust";
    }

    private FusionMethod storedRule(String fusionKey) {
        StoredQuantity stored = task.stores().stored(fusionKey);
        return stored == null ? null : stored.header().rule().method();
    }

    /** The settings an expiring chunk is continued under: its quantity's, for the rule it is stored with. */
    private SelectedFusion settingsOfStored(FusionKeys.Expiry due) {
        SelectedFusion settings = selection.current().forQuantity(Chunks.quantityOf(due.fusionKey()));
        FusionMethod rule = storedRule(due.fusionKey());
        return settings == null || rule == null ? null : settings.forChunks(rule);
    }

    private void publishExpired(FusionStores.Loaded chunk, SelectedFusion settings, SourceRecord source, QuantityFusion.Fused fused) {
        String quantityId = Chunks.quantityOf(chunk.fusionKey());
        context.forward(new Record<>(quantityId + "#" + chunk.chunk().index(), FusedChunks.of(quantityId, settings.method(),
                chunk.chunk(), fused, source.sourceId(), source.version(), null, FusionChange.EXPIRED), context.currentStreamTimeMs()));
        metrics.published(settings.method(), FusionChange.EXPIRED);
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
