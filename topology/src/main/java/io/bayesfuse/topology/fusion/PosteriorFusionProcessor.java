package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FusionMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fusion stage: one posterior update (or retraction) in, the quantity's fused posterior out.
 * <ol>
 * <li>expire, across the task's quantities, every source whose time to live ran out before stream
 * time (one EXPIRED output each), from the expiry index;</li>
 * <li>find how the quantity is fused (its own settings, else the default) in the live configuration
 * and load it — its header only; rebuilt first if its settings changed, converted if the previous
 * release wrote it;</li>
 * <li>apply the update, the retraction (null posterior) or the tombstone — reading and writing the
 * one source's record — and publish the fused posterior (a tombstone when no source is left).</li>
 * </ol>
 * Refused input is thrown as a {@link DeadLetterException} before anything of the quantity is
 * written: STALE_VERSION (an older or equal version, a tombstone older than the source's update),
 * SOURCE_EXPIRED (an update already older than its time to live), UNKNOWN_METHOD (a quantity without
 * settings), FUSION_FAILED (a fused precision that is not positive definite) and the kernels'
 * reasons. Time is event time: the records' timestamps and stream time, never the wall clock, so
 * what expires when is a function of the input, whatever restarts or rebalances happened.
 */
public final class PosteriorFusionProcessor implements Processor<String, PosteriorInput, String, FusedPosterior> {

    private static final Logger log = LoggerFactory.getLogger(PosteriorFusionProcessor.class);

    private final FusionStage stage;
    private ProcessorContext<String, FusedPosterior> context;
    private FusionTask task;
    private LiveConfig<FusionSelection> selection;
    private FusionMetrics metrics;
    private boolean legacyConverted;

    /** One accepted change: the source it concerns, its version, what happened, the input behind it, how a retraction came. */
    private record Change(String sourceId, long version, FusionChange change, Lineage lineage, String retractedBy) {
    }

    public PosteriorFusionProcessor(FusionStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, FusedPosterior> context) {
        this.context = context;
        this.selection = stage.selection(context);
        this.metrics = new FusionMetrics(stage.applicationId());
        this.task = new FusionTask(stage.stores(context, FusionStores.POSTERIOR_DECODED_DOUBLES), metrics);
    }

    @Override
    public void process(Record<String, PosteriorInput> record) {
        String quantityId = record.key();
        SelectedFusion settings = settingsOf(quantityId);
        long now = context.currentStreamTimeMs();
        convertLegacyOnce();
        task.expireDue(now, due -> selection.current().forQuantity(due.fusionKey()), this::publishExpired);
        FusionStores.Loaded loaded = task.load(quantityId, settings);
        String what = "quantity '" + quantityId + "'";
        Change change = record.value() instanceof PosteriorInput.Update u
                ? apply(quantityId, loaded.quantity(), u, record.timestamp(), now)
                : withdraw(what, loaded.quantity(), (PosteriorInput.Tombstone) record.value(), record.timestamp());
        QuantityFusion.Fused fused = task.resultOrRefuse(what, loaded.quantity(), change.sourceId());
        task.stores().save(loaded);
        publish(new Record<>(quantityId, FusedPosteriors.of(quantityId, settings.method(), fused, change.sourceId(),
                change.version(), change.lineage(), change.change()), record.timestamp()), settings, change);
    }

    private SelectedFusion settingsOf(String quantityId) {
        if (quantityId == null) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "a posterior update needs its quantity id as key");
        }
        if (!FusionKeys.isUsableId(quantityId)) {
            throw new DeadLetterException(DeadLetterReason.OTHER, "quantity id '" + quantityId.replaceAll("\\p{Cntrl}", "?")
                    + "' contains control characters");
        }
        SelectedFusion settings = selection.current().forQuantity(quantityId);
        if (settings == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_METHOD, "quantity '" + quantityId + "' has no fusion"
                    + " method: configure fusion (the default) or quantities." + quantityId
                    + ", or publish fusion/" + quantityId + " on the config topic");
        }
        return settings;
    }

    /** A posterior with a version, or a retraction (null posterior) with a version. */
    private Change apply(String quantityId, QuantityFusion quantity, PosteriorInput.Update input, long eventTime, long now) {
        Posteriors.Offer offer = Posteriors.toKernel(quantityId, input.update(), eventTime, stage.maxFutureMillis(),
                quantity.settings());
        task.offer("quantity '" + quantityId + "'", quantity, offer, eventTime, now);
        return offer.isRetraction()
                ? new Change(offer.sourceId(), offer.version(), FusionChange.RETRACTED, lineage(), "posterior")
                : new Change(offer.sourceId(), offer.version(), FusionChange.UPDATED, lineage(), null);
    }

    /** A tombstone: retracts the source's current contribution unless a newer update of it came first. */
    private Change withdraw(String what, QuantityFusion quantity, PosteriorInput.Tombstone tombstone, long eventTime) {
        String source = what + ": tombstone of source '" + tombstone.sourceId() + "'";
        QuantityFusion.Withdrawal withdrawal = quantity.withdraw(tombstone.sourceId(), eventTime);
        if (withdrawal == QuantityFusion.Withdrawal.NOT_CONTRIBUTING) {
            throw new DeadLetterException(DeadLetterReason.OTHER, source + ": the source does not contribute, nothing to retract");
        }
        if (withdrawal == QuantityFusion.Withdrawal.SUPERSEDED) {
            metrics.stale();
            throw new DeadLetterException(DeadLetterReason.STALE_VERSION, source + " at " + eventTime
                    + " is older than the source's current update");
        }
        SourceRecord retracted = quantity.record(tombstone.sourceId());
        return new Change(tombstone.sourceId(), retracted.version(), FusionChange.RETRACTED, tombstone.origin(), "tombstone");
    }

    private void publishExpired(FusionStores.Loaded quantity, SelectedFusion settings, SourceRecord source, QuantityFusion.Fused fused) {
        String quantityId = quantity.fusionKey();
        publish(new Record<>(quantityId, FusedPosteriors.of(quantityId, settings.method(), fused, source.sourceId(), source.version(),
                null, FusionChange.EXPIRED), context.currentStreamTimeMs()), settings,
                new Change(source.sourceId(), source.version(), FusionChange.EXPIRED, null, null));
    }

    /**
     * Converts, once per task start, every quantity the previous release stored as one value into
     * one record per source (the state restored from its changelog is read as it was written).
     */
    private void convertLegacyOnce() {
        if (legacyConverted) {
            return;
        }
        legacyConverted = true;
        for (String quantityId : task.stores().legacyKeys()) {
            SelectedFusion settings = selection.current().forQuantity(quantityId);
            if (settings == null) {
                log.warn("quantity '{}' was stored by the previous release but has no fusion settings now: left as it was",
                        quantityId);
                continue;
            }
            task.stores().save(task.load(quantityId, settings));
            log.info("quantity '{}': converted from the previous release's state format", quantityId);
        }
    }

    private void publish(Record<String, FusedPosterior> out, SelectedFusion settings, Change change) {
        context.forward(out);
        metrics.published(settings.method(), change.change());
        if (change.retractedBy() != null) {
            metrics.retracted(change.retractedBy());
        }
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
