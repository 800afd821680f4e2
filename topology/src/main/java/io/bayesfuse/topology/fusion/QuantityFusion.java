package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.UpdateOutcome;
import io.bayesfuse.kernels.fusion.VersionedFusion;
import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fusion of one quantity between a read and a write of its stored state: the kernels'
 * {@link VersionedFusion} (only the newest version of each source counts) and each source's
 * {@link SourceClock}, continued under the quantity's current settings.
 * <ul>
 * <li>Settings whose rule differs from the one that built the stored state (a method changed
 * through the config topic) rebuild the fusion from the sources' stored posteriors
 * ({@link VersionedFusion#rebuild}); a source the new rule cannot take is withdrawn and reported.</li>
 * <li>A track (settings with a motion model) keeps its sources' posteriors as they were sent and
 * predicts them to the newest of their times for every result ({@link TimeAlignment}).</li>
 * <li>Time to live: sources silent since before a cutoff can be expired (withdrawn at their
 * version) and retracted sources forgotten once nothing stale of theirs can arrive any more.</li>
 * </ul>
 * Nothing is validated twice: the kernels check posteriors and name the source when they refuse one;
 * refusals leave this object as it was.
 */
public final class QuantityFusion {

    /** What a retraction without a version (a tombstone) did. */
    public enum Withdrawal {
        /** The source's contribution was removed. */
        WITHDRAWN,
        /** The source does not contribute: nothing to retract. */
        NOT_CONTRIBUTING,
        /** The source's current update is newer (event time) than the tombstone: the tombstone is stale. */
        SUPERSEDED
    }

    /**
     * A fused result with what a published posterior reports beside it.
     *
     * @param result     the kernels' result (NoSources when no source contributes)
     * @param timeMillis the time the result refers to (tracks), else null
     * @param sources    the contributing sources and their versions, sorted by source id
     * @param weights    covariance intersection's weights by source id, sorted; null for other rules
     */
    public record Fused(FusionResult result, Long timeMillis, Map<String, Long> sources, Map<String, Double> weights) {
    }

    private final SelectedFusion settings;
    private final VersionedFusion fusion;
    private final Map<String, SourceClock> clocks;
    private final Map<String, InvalidInputException> withdrawnByRebuild;

    private QuantityFusion(SelectedFusion settings, VersionedFusion fusion, Map<String, SourceClock> clocks,
                           Map<String, InvalidInputException> withdrawnByRebuild) {
        this.settings = settings;
        this.fusion = fusion;
        this.clocks = clocks;
        this.withdrawnByRebuild = withdrawnByRebuild;
    }

    /**
     * A new quantity ({@code stored} null), or the stored one continued under {@code settings}.
     *
     * @throws IllegalArgumentException when the stored state cannot be read
     */
    public static QuantityFusion of(SelectedFusion settings, FusedQuantity stored) {
        if (stored == null) {
            return new QuantityFusion(settings, settings.rules().newQuantity(), new HashMap<>(), Map.of());
        }
        Map<String, SourceClock> clocks = new HashMap<>(stored.clocks());
        VersionedFusion fusion;
        Map<String, InvalidInputException> withdrawn = new LinkedHashMap<>();
        if (stored.fingerprint().equals(settings.rules().fingerprint())) {
            fusion = settings.rules().restore(stored.state());
        } else {
            VersionedFusion previous = VersionedFusion.restore(FusionRuleFactory.emptyRuleFor(stored.state().method()), stored.state());
            VersionedFusion.Rebuilt rebuilt = previous.rebuild(settings.rules().newRule());
            fusion = rebuilt.fusion();
            withdrawn.putAll(rebuilt.withdrawn());
        }
        if (settings.alignment() != null) {
            // a motion model given after the sources arrived: a source it cannot predict is withdrawn like one the rule refuses
            for (String id : List.copyOf(fusion.sources().keySet())) {
                try {
                    settings.alignment().requireFits(id, fusion.posterior(id));
                } catch (InvalidInputException refused) {
                    fusion.withdraw(id);
                    withdrawn.put(id, refused);
                }
            }
        }
        return new QuantityFusion(settings, fusion, clocks, withdrawn);
    }

    public SelectedFusion settings() {
        return settings;
    }

    /**
     * Sources withdrawn (at their versions) when the stored state was continued under changed settings:
     * those a new rule could not take, or a new motion model could not predict, with the reasons.
     */
    public Map<String, InvalidInputException> withdrawnByRebuild() {
        return withdrawnByRebuild;
    }

    /**
     * Offers a source's posterior.
     *
     * @param posteriorTime the time the posterior refers to, or null (required for tracks: checked by the caller)
     * @param eventTime     the update's event time
     * @throws InvalidInputException naming the source when the posterior is malformed or does not fit
     *                               the rule or the motion model (nothing changes then)
     */
    public UpdateOutcome update(String sourceId, long version, SourcePosterior posterior, Long posteriorTime, long eventTime) {
        if (settings.alignment() != null) {
            settings.alignment().requireFits(sourceId, posterior);
        }
        UpdateOutcome outcome = fusion.update(sourceId, version, posterior);
        if (outcome.accepted()) {
            clocks.put(sourceId, new SourceClock(posteriorTime, eventTime));
        }
        return outcome;
    }

    /** Offers a retraction with a version (a null posterior). */
    public UpdateOutcome retract(String sourceId, long version, long eventTime) {
        UpdateOutcome outcome = fusion.retract(sourceId, version);
        if (outcome.accepted()) {
            clocks.put(sourceId, new SourceClock(null, eventTime));
        }
        return outcome;
    }

    /**
     * Retracts a source's current contribution without a version (a tombstone at {@code eventTime}),
     * unless the source's current update is newer in event time than the tombstone.
     */
    public Withdrawal withdraw(String sourceId, long eventTime) {
        if (!fusion.sources().containsKey(sourceId)) {
            return Withdrawal.NOT_CONTRIBUTING;
        }
        SourceClock clock = clocks.get(sourceId);
        if (clock != null && clock.heardAt() > eventTime) {
            return Withdrawal.SUPERSEDED;
        }
        fusion.withdraw(sourceId);
        clocks.put(sourceId, new SourceClock(null, eventTime));
        return Withdrawal.WITHDRAWN;
    }

    /** The contributing sources last heard of before {@code cutoff}, in their order of first arrival. */
    public List<String> silentBefore(long cutoff) {
        List<String> silent = new ArrayList<>();
        for (String id : fusion.sources().keySet()) {
            SourceClock clock = clocks.get(id);
            if (clock != null && clock.heardAt() < cutoff) {
                silent.add(id);
            }
        }
        return silent;
    }

    /** Drops a silent source: withdrawn at its version, so only a newer version brings it back. */
    public void expire(String sourceId) {
        fusion.withdraw(sourceId);
    }

    /**
     * Forgets the retracted and expired sources last heard of before {@code cutoff}: any update of
     * theirs that could still arrive is older than the time to live and is refused as expired.
     */
    public void forgetRetractedBefore(long cutoff) {
        Map<String, Long> contributing = fusion.sources();
        for (Iterator<Map.Entry<String, SourceClock>> it = clocks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, SourceClock> e = it.next();
            if (!contributing.containsKey(e.getKey()) && e.getValue().heardAt() < cutoff) {
                fusion.forget(e.getKey());
                it.remove();
            }
        }
    }

    /** True when nothing is known of any source any more (the stored state can be deleted). */
    public boolean isForgotten() {
        // every contributing, retracted or expired source has a clock
        return clocks.isEmpty();
    }

    /** The contributing sources and their versions in their order of first arrival (the order of a rule's weights). */
    public Map<String, Long> sourcesInArrivalOrder() {
        return fusion.sources();
    }

    /** True when some source contributes. */
    public boolean hasSources() {
        return !fusion.sources().isEmpty();
    }

    /** The fused posterior now: for a track, at the newest of its sources' times. */
    public Fused result() {
        Map<String, Long> ordered = fusion.sources();
        FusionResult result;
        Long time = null;
        if (settings.alignment() == null) {
            result = fusion.result();
        } else {
            Map<String, Long> times = new HashMap<>();
            for (String id : ordered.keySet()) {
                SourceClock clock = clocks.get(id);
                if (clock == null) {
                    throw new IllegalStateException("source '" + id + "' contributes but has no clock");
                }
                times.put(id, clock.effectivePosteriorTime());
            }
            TimeAlignment.Aligned aligned = settings.alignment().fuse(fusion, times, settings.rules().newRule());
            result = aligned.result();
            time = aligned.timeMillis();
        }
        Map<String, Double> weights = null;
        if (result instanceof FusionResult.IntersectionPosterior ci) {
            weights = new TreeMap<>();
            int i = 0;
            for (String id : ordered.keySet()) {
                weights.put(id, ci.weights()[i++]);
            }
            weights = Collections.unmodifiableMap(weights);
        }
        return new Fused(result, time, Collections.unmodifiableMap(new TreeMap<>(ordered)), weights);
    }

    /** The state to store. */
    public FusedQuantity snapshot() {
        return new FusedQuantity(settings.rules().fingerprint(), clocks, fusion.snapshot());
    }
}
