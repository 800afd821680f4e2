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
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.live.LiveConfig;
import io.bayesfuse.topology.metrics.FusionMetrics;
import io.bayesfuse.topology.store.StoreSweep;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fusion stage: one posterior update (or retraction) in, the quantity's fused posterior out.
 * <ol>
 * <li>find how the quantity is fused (its own settings, else the default) in the live configuration;</li>
 * <li>continue its stored fusion — the kernels' {@code VersionedFusion}, the same that {@code fuse}
 * runs — rebuilt first if its method changed;</li>
 * <li>drop sources silent for longer than their time to live (one EXPIRED output each);</li>
 * <li>apply the update, the retraction (null posterior) or the tombstone, and publish the fused
 * posterior (a tombstone when no source is left).</li>
 * </ol>
 * Refused input is thrown as a {@link DeadLetterException} before the store is written: STALE_VERSION
 * (an older or equal version, a tombstone older than the source's update), SOURCE_EXPIRED (an update
 * already older than its time to live), UNKNOWN_METHOD (a quantity without settings), FUSION_FAILED
 * (a fused precision that is not positive definite) and the kernels' reasons. Time is event time:
 * the records' timestamps, never the wall clock. A stream-time punctuation expires silent sources
 * of quantities that receive nothing more.
 */
public final class PosteriorFusionProcessor implements Processor<String, PosteriorInput, String, FusedPosterior> {

    private static final Logger log = LoggerFactory.getLogger(PosteriorFusionProcessor.class);
    /** How often stream time is checked for silent sources; sweeps run every TTL/4 within [1 s, 60 s]. */
    private static final Duration SWEEP_TICK = Duration.ofSeconds(1);

    private final FusionStage stage;
    private ProcessorContext<String, FusedPosterior> context;
    private KeyValueStore<String, FusedQuantity> quantities;
    private LiveConfig<FusionSelection> selection;
    private FusionMetrics metrics;
    private StoreSweep<FusedQuantity> sweep;
    private long lastSweep = Long.MIN_VALUE;

    /**
     * One accepted change: the source it concerns, what happened, the input behind it, and for a
     * retraction how it came ("posterior" or "tombstone").
     */
    private record Change(String sourceId, FusionChange change, Lineage lineage, String retractedBy) {
    }

    /** A record to publish and the change behind it (a tombstone output has no value to tell it). */
    private record Output(Record<String, FusedPosterior> record, Change change) {
    }

    public PosteriorFusionProcessor(FusionStage stage) {
        this.stage = stage;
    }

    @Override
    public void init(ProcessorContext<String, FusedPosterior> context) {
        this.context = context;
        this.quantities = context.getStateStore(stage.quantityStoreName());
        KeyValueStore<String, ConfigRecord> config = context.getStateStore(stage.configStoreName());
        this.selection = new LiveConfig<>(stage.base(), config, stage.generation(), FusionSelection::compile);
        this.metrics = new FusionMetrics(stage.applicationId());
        this.sweep = new StoreSweep<>(quantities, stage.sweepBudget());
        context.schedule(SWEEP_TICK, PunctuationType.STREAM_TIME, this::expireSilentSources);
    }

    @Override
    public void process(Record<String, PosteriorInput> record) {
        String quantityId = record.key();
        SelectedFusion settings = settingsOf(quantityId);
        QuantityFusion quantity = load(quantityId, settings);
        long now = context.currentStreamTimeMs();
        List<Output> out = expire(quantityId, quantity, now);
        Change change = record.value() instanceof PosteriorInput.Update u
                ? apply(quantityId, quantity, u, record.timestamp(), now)
                : withdraw(quantityId, quantity, (PosteriorInput.Tombstone) record.value(), record.timestamp());
        QuantityFusion.Fused fused = quantity.result();
        if (fused.result() instanceof FusionResult.NotPositiveDefinite npd) {
            metrics.failed();
            throw new DeadLetterException(DeadLetterReason.FUSION_FAILED, "quantity '" + quantityId + "': " + npd.detail()
                    + "; source '" + change.sourceId() + "' is not applied");
        }
        out.add(new Output(new Record<>(quantityId, FusedPosteriors.of(quantityId, settings.method(), fused, change.sourceId(),
                change.lineage(), change.change()), record.timestamp()), change));
        save(quantityId, quantity);
        publish(out, settings);
    }

    private SelectedFusion settingsOf(String quantityId) {
        if (quantityId == null) {
            throw new DeadLetterException(DeadLetterReason.KEY_MISMATCH, "a posterior update needs its quantity id as key");
        }
        SelectedFusion settings = selection.current().forQuantity(quantityId);
        if (settings == null) {
            throw new DeadLetterException(DeadLetterReason.UNKNOWN_METHOD, "quantity '" + quantityId + "' has no fusion"
                    + " method: configure fusion (the default) or quantities." + quantityId
                    + ", or publish fusion/" + quantityId + " on the config topic");
        }
        return settings;
    }

    private QuantityFusion load(String quantityId, SelectedFusion settings) {
        QuantityFusion quantity = QuantityFusion.of(settings, quantities.get(quantityId));
        Map<String, InvalidInputException> withdrawn = quantity.withdrawnByRebuild();
        if (!withdrawn.isEmpty()) {
            log.warn("quantity '{}' is now fused by {}, which cannot take sources {}: {}", quantityId, settings.method(),
                    withdrawn.keySet(), withdrawn.values().stream().map(Throwable::getMessage).toList());
            metrics.withdrawn(withdrawn.size());
        }
        return quantity;
    }

    /** A posterior with a version, or a retraction (null posterior) with a version. */
    private Change apply(String quantityId, QuantityFusion quantity, PosteriorInput.Update input, long eventTime, long now) {
        Posteriors.Offer offer = Posteriors.toKernel(quantityId, input.update(), eventTime, stage.maxFutureMillis(),
                quantity.settings());
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
                ? new Change(offer.sourceId(), FusionChange.RETRACTED, lineage(), "posterior")
                : new Change(offer.sourceId(), FusionChange.UPDATED, lineage(), null);
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
        return new Change(tombstone.sourceId(), FusionChange.RETRACTED, tombstone.origin(), "tombstone");
    }

    /**
     * Drops the quantity's sources that have been silent for longer than their time to live, one
     * EXPIRED output each, and forgets retracted sources as old; nothing is written yet.
     */
    private List<Output> expire(String quantityId, QuantityFusion quantity, long now) {
        List<Output> out = new ArrayList<>();
        Long ttl = quantity.settings().sourceTtlMillis();
        if (ttl == null) {
            return out;
        }
        long cutoff = now - ttl;
        for (String sourceId : quantity.silentBefore(cutoff)) {
            quantity.expire(sourceId);
            QuantityFusion.Fused fused = quantity.result();
            if (fused.result() instanceof FusionResult.NotPositiveDefinite npd) {
                // nothing to dead-letter (no input record): the next accepted change publishes again
                log.warn("quantity '{}': after source '{}' expired: {}", quantityId, sourceId, npd.detail());
                metrics.failed();
                continue;
            }
            out.add(new Output(new Record<>(quantityId, FusedPosteriors.of(quantityId, quantity.settings().method(), fused,
                    sourceId, null, FusionChange.EXPIRED), now), new Change(sourceId, FusionChange.EXPIRED, null, null)));
        }
        quantity.forgetRetractedBefore(cutoff);
        return out;
    }

    /** The stream-time punctuation: expires silent sources of quantities that receive nothing more. */
    private void expireSilentSources(long streamTime) {
        FusionSelection current = selection.current();
        Long smallestTtl = current.smallestTtlMillis();
        if (smallestTtl == null) {
            return;
        }
        long every = Math.max(1_000, Math.min(smallestTtl / 4, 60_000));
        if (lastSweep != Long.MIN_VALUE && streamTime - lastSweep < every) {
            return;
        }
        lastSweep = streamTime;
        List<String> due = sweep.sweep((id, stored) -> {
            SelectedFusion settings = current.forQuantity(id);
            return settings != null && settings.sourceTtlMillis() != null
                    && stored.clocks().values().stream().anyMatch(c -> c.heardAt() < streamTime - settings.sourceTtlMillis());
        });
        for (String quantityId : due) {
            SelectedFusion settings = current.forQuantity(quantityId);
            try {
                QuantityFusion quantity = load(quantityId, settings);
                List<Output> out = expire(quantityId, quantity, streamTime);
                save(quantityId, quantity);
                publish(out, settings);
            } catch (RuntimeException e) {
                // a punctuation has no input record to dead-letter; one bad state must not stop the others
                log.error("quantity '{}': expiring silent sources failed; the quantity is left as it was", quantityId, e);
            }
        }
    }

    private void save(String quantityId, QuantityFusion quantity) {
        if (quantity.isForgotten()) {
            quantities.delete(quantityId);
        } else {
            quantities.put(quantityId, quantity.snapshot());
        }
    }

    private void publish(List<Output> out, SelectedFusion settings) {
        for (Output o : out) {
            context.forward(o.record());
            metrics.published(settings.method(), o.change().change());
            if (o.change().change() == FusionChange.EXPIRED) {
                metrics.expired();
            } else if (o.change().retractedBy() != null) {
                metrics.retracted(o.change().retractedBy());
            }
        }
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? null : new Lineage(meta.topic(), meta.partition(), meta.offset());
    }
}
