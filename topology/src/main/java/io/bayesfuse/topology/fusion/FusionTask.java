package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.state.UpdateOutcome;
import io.bayesfuse.kernels.fusion.state.VersionVerdict;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.topology.deadletter.DeadLetterException;
import io.bayesfuse.topology.deadletter.DeadLetterReasons;
import io.bayesfuse.topology.metrics.FusionMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * The steps every fusion processor takes on one task's stores, whatever its input (whole
 * posteriors or chunks): load a quantity, offer it an update or retraction under version and
 * time-to-live rules, refuse what must be refused as a dead letter, and expire what is due.
 */
final class FusionTask {

    private static final Logger log = LoggerFactory.getLogger(FusionTask.class);

    private final FusionStores stores;
    private final FusionMetrics metrics;

    /** What a source that expired leaves to publish: the quantity after the expiry and the source's last record. */
    interface ExpiredSink {
        void expired(FusionStores.Loaded quantity, SelectedFusion settings, SourceRecord source, QuantityFusion.Fused fused);
    }

    FusionTask(FusionStores stores, FusionMetrics metrics) {
        this.stores = stores;
        this.metrics = metrics;
    }

    FusionStores stores() {
        return stores;
    }

    /** Loads a fusion key, reporting the sources a change of settings withdrew. */
    FusionStores.Loaded load(String fusionKey, SelectedFusion settings) {
        FusionStores.Loaded loaded = stores.load(fusionKey, settings);
        Map<String, InvalidInputException> withdrawn = loaded.quantity().withdrawnByRebuild();
        if (!withdrawn.isEmpty()) {
            log.warn("'{}' is now fused by {}, which cannot take sources {}: {}", fusionKey, settings.method(),
                    withdrawn.keySet(), withdrawn.values().stream().map(Throwable::getMessage).toList());
            metrics.withdrawn(withdrawn.size());
        }
        return loaded;
    }

    /**
     * Offers a source's posterior or retraction ({@code offer}); refusals become dead letters:
     * SOURCE_EXPIRED (an update already older than its time to live), STALE_VERSION, the kernels'
     * reasons, OTHER (a retraction of a source that does not contribute).
     *
     * @param what names the quantity (or chunk) in messages
     */
    UpdateOutcome offer(String what, QuantityFusion quantity, Posteriors.Offer offer, long eventTime, long now) {
        if (!FusionKeys.isUsableId(offer.sourceId())) {
            throw new DeadLetterException(DeadLetterReason.OTHER, what + ": source id '"
                    + offer.sourceId().replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
        }
        Long ttl = quantity.settings().sourceTtlMillis();
        if (!offer.isRetraction() && ttl != null && eventTime < now - ttl) {
            throw new DeadLetterException(DeadLetterReason.SOURCE_EXPIRED, what + ": source '" + offer.sourceId() + "' version "
                    + offer.version() + " at " + eventTime + " is older than its time to live (" + ttl + " ms) behind stream time " + now);
        }
        UpdateOutcome outcome;
        try {
            outcome = offer.isRetraction()
                    ? quantity.retract(offer.sourceId(), offer.version(), eventTime)
                    : quantity.update(offer.sourceId(), offer.version(), offer.posterior(), offer.posteriorTime(), eventTime);
        } catch (InvalidInputException e) {
            throw new DeadLetterException(DeadLetterReasons.of(e), what + ": " + e.getMessage(), e);
        }
        if (!outcome.accepted()) {
            String message = what + ": " + (offer.isRetraction() ? "retraction of " : "") + outcome.describe();
            if (outcome.verdict() == VersionVerdict.UNKNOWN_SOURCE) {
                throw new DeadLetterException(DeadLetterReason.OTHER, message + ": the source does not contribute");
            }
            metrics.stale();
            throw new DeadLetterException(DeadLetterReason.STALE_VERSION, message);
        }
        if (!offer.isRetraction() && quantity.lastTrustVerdict() != null) {
            metrics.trust(quantity.lastTrustVerdict());
        }
        return outcome;
    }

    /** The quantity's result, or FUSION_FAILED when its fused precision is not positive definite (nothing is written then). */
    QuantityFusion.Fused resultOrRefuse(String what, QuantityFusion quantity, String sourceId) {
        QuantityFusion.Fused fused = quantity.result();
        if (fused.result() instanceof FusionResult.NotPositiveDefinite npd) {
            metrics.failed();
            throw new DeadLetterException(DeadLetterReason.FUSION_FAILED, what + ": " + npd.detail() + "; source '" + sourceId
                    + "' is not applied");
        }
        return fused;
    }

    /**
     * Drops every source of the task's quantities whose time to live ran out before stream time
     * {@code now}, oldest deadline first; each that contributed goes to {@code sink} with the
     * quantity's new result; retracted ones are forgotten. The index holds one entry per source,
     * so this costs nothing while nothing is due, whatever the number of quantities.
     *
     * @param settingsOf the settings of a fusion key, or null when it has none any more
     */
    void expireDue(long now, Function<FusionKeys.Expiry, SelectedFusion> settingsOf, ExpiredSink sink) {
        FusionKeys.Expiry due;
        while ((due = stores.firstDueBefore(now)) != null) {
            SelectedFusion settings = settingsOf.apply(due);
            if (settings == null) {
                log.warn("'{}' has no fusion settings any more: its source '{}' is not expired", due.fusionKey(), due.sourceId());
                stores.dropExpiry(due);
                continue;
            }
            FusionStores.Loaded loaded = load(due.fusionKey(), settings);
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
                log.warn("'{}': after source '{}' expired: {}", due.fusionKey(), due.sourceId(), npd.detail());
                metrics.failed();
                continue;
            }
            metrics.expired();
            sink.expired(loaded, settings, source, fused);
        }
    }
}
