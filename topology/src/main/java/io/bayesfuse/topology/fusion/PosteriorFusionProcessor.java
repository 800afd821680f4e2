package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.avro.Lineage;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.UpdateOutcome;
import io.bayesfuse.kernels.fusion.VersionVerdict;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FusionMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

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
    private FusionStores stores;
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
        this.stores = new FusionStores(context.getStateStore(stage.quantityStoreName()),
                context.getStateStore(stage.sourceStoreName()), context.getStateStore(stage.expiryStoreName()));
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(stage.configStoreName());
        this.selection = new LiveConfig<>(stage.base(), config, stage.generation(), FusionSelection::compile);
        this.metrics = new FusionMetrics(stage.applicationId());
    }

    @Override
    public void process(Record<String, PosteriorInput> record) {
        String quantityId = record.key();
        SelectedFusion settings = settingsOf(quantityId);
        long now = context.currentStreamTimeMs();
        convertLegacyOnce();
        expireDue(now);
        FusionStores.Loaded loaded = load(quantityId, settings);
        QuantityFusion quantity = loaded.quantity();
        Change change = record.value() instanceof PosteriorInput.Update u
                ? apply(quantityId, quantity, u, record.timestamp(), now)
                : withdraw(quantityId, quantity, (PosteriorInput.Tombstone) record.value(), record.timestamp());
        QuantityFusion.Fused fused = quantity.result();
        if (fused.result() instanceof FusionResult.NotPositiveDefinite npd) {
            metrics.failed();
            throw new DeadLetterException(DeadLetterReason.FUSION_FAILED, "quantity '" + quantityId + "': " + npd.detail()
                    + "; source '" + change.sourceId() + "' is not applied");
        }
        stores.save(loaded);
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

    private FusionStores.Loaded load(String quantityId, SelectedFusion settings) {
        FusionStores.Loaded loaded = stores.load(quantityId, settings);
        Map<String, InvalidInputException> withdrawn = loaded.quantity().withdrawnByRebuild();
        if (!withdrawn.isEmpty()) {
            log.warn("quantity '{}' is now fused by {}, which cannot take sources {}: {}", quantityId, settings.method(),
                    withdrawn.keySet(), withdrawn.values().stream().map(Throwable::getMessage).toList());
            metrics.withdrawn(withdrawn.size());
        }
        return loaded;
    }

    /** A posterior with a version, or a retraction (null posterior) with a version. */
    private Change apply(String quantityId, QuantityFusion quantity, PosteriorInput.Update input, long eventTime, long now) {
        Posteriors.Offer offer = Posteriors.toKernel(quantityId, input.update(), eventTime, stage.maxFutureMillis(),
                quantity.settings());
        if (!FusionKeys.isUsableId(offer.sourceId())) {
            throw new DeadLetterException(DeadLetterReason.OTHER, "quantity '" + quantityId + "': source id '"
                    + offer.sourceId().replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
        }
        Long ttl = quantity.settings().sourceTtlMillis();
        if (!offer.isRetraction() && ttl != null && eventTime < now - ttl) {
            throw new DeadLetterException(DeadLetterReason.SOURCE_EXPIRED, "quantity '" + quantityId + "': source '"
                    + offer.sourceId() + "' version " + offer.version() + " at " + eventTime + " is older than its time to live ("
                    + ttl + " ms) behind stream time " + now);
        }
        UpdateOutcome outcome;
        try {
            outcome = offer.isRetraction()
                    ? quantity.retract(offer.sourceId(), offer.version(), eventTime)
                    : quantity.update(offer.sourceId(), offer.version(), offer.posterior(), offer.posteriorTime(), eventTime);
        } catch (InvalidInputException e) {
            throw new DeadLetterException(DeadLetterReasons.of(e), "quantity '" + quantityId + "': " + e.getMessage(), e);
        }
        if (!outcome.accepted()) {
            refuse(quantityId, outcome, offer.isRetraction());
        }
        return offer.isRetraction()
                ? new Change(offer.sourceId(), offer.version(), FusionChange.RETRACTED, lineage(), "posterior")
                : new Change(offer.sourceId(), offer.version(), FusionChange.UPDATED, lineage(), null);
    }

    private void refuse(String quantityId, UpdateOutcome outcome, boolean retraction) {
        String message = "quantity '" + quantityId + "': " + (retraction ? "retraction of " : "") + outcome.describe();
        if (outcome.verdict() == VersionVerdict.UNKNOWN_SOURCE) {
            throw new DeadLetterException(DeadLetterReason.OTHER, message + ": the source does not contribute");
        }
        metrics.stale();
        throw new DeadLetterException(DeadLetterReason.STALE_VERSION, message);
    }

    /** A tombstone: retracts the source's current contribution unless a newer update of it came first. */
    private Change withdraw(String quantityId, QuantityFusion quantity, PosteriorInput.Tombstone tombstone, long eventTime) {
        String source = "quantity '" + quantityId + "': tombstone of source '" + tombstone.sourceId() + "'";
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

    /**
     * Drops every source of the task's quantities whose time to live ran out before stream time
     * {@code now}, oldest deadline first, one EXPIRED output for each that contributed; retracted
     * sources are forgotten. The index holds one entry per source, so this costs nothing while
     * nothing is due, whatever the number of quantities.
     */
    private void expireDue(long now) {
        FusionKeys.Expiry due;
        while ((due = stores.firstDueBefore(now)) != null) {
            String quantityId = due.fusionKey();
            SelectedFusion settings = selection.current().forQuantity(quantityId);
            if (settings == null) {
                log.warn("quantity '{}' has no fusion settings any more: its source '{}' is not expired", quantityId, due.sourceId());
                stores.dropExpiry(due);
                continue;
            }
            FusionStores.Loaded loaded = load(quantityId, settings);
            SourceRecord source = loaded.quantity().record(due.sourceId());
            Long ttl = settings.sourceTtlMillis();
            if (source == null || ttl == null || FusionKeys.deadline(source.heardAt(), ttl) != due.deadline()) {
                stores.dropExpiry(due);
                stores.save(loaded);
                continue;
            }
            boolean dropped = loaded.quantity().expire(due.sourceId());
            QuantityFusion.Fused fused = dropped ? loaded.quantity().result() : null;
            stores.save(loaded);
            if (fused == null) {
                continue;
            }
            if (fused.result() instanceof FusionResult.NotPositiveDefinite npd) {
                // nothing to dead-letter (no input record): the next accepted change publishes again
                log.warn("quantity '{}': after source '{}' expired: {}", quantityId, due.sourceId(), npd.detail());
                metrics.failed();
                continue;
            }
            Change change = new Change(due.sourceId(), source.version(), FusionChange.EXPIRED, null, null);
            publish(new Record<>(quantityId, FusedPosteriors.of(quantityId, settings.method(), fused, due.sourceId(),
                    source.version(), null, FusionChange.EXPIRED), now), settings, change);
        }
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
        for (String quantityId : stores.legacyKeys()) {
            SelectedFusion settings = selection.current().forQuantity(quantityId);
            if (settings == null) {
                log.warn("quantity '{}' was stored by the previous release but has no fusion settings now: left as it was",
                        quantityId);
                continue;
            }
            stores.save(load(quantityId, settings));
            log.info("quantity '{}': converted from the previous release's state format", quantityId);
        }
    }

    private void publish(Record<String, FusedPosterior> out, SelectedFusion settings, Change change) {
        context.forward(out);
        metrics.published(settings.method(), change.change());
        if (change.change() == FusionChange.EXPIRED) {
            metrics.expired();
        } else if (change.retractedBy() != null) {
            metrics.retracted(change.retractedBy());
        }
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
