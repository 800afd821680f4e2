package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.UpdateOutcome;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.alignment.TimeAlignment;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.kernels.fusion.state.SourceTable;
import io.bayesfuse.kernels.fusion.trust.TrustVerdict;
import io.bayesfuse.topology.assembly.FusionRuleFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fusion of one quantity (or one chunk of a chunked one) between a read and a write of its
 * stored state: the kernels' {@link VersionedFusion} over the quantity's {@link SourceTable}
 * (one record per source), continued under the quantity's current settings.
 * <ul>
 * <li>Settings whose fingerprint differs from the one that built the stored state (a method,
 * options or motion model changed through the config topic) rebuild the fusion from the sources'
 * stored posteriors, O(K) once; a source the new rule cannot take, or the motion model cannot
 * predict, is withdrawn and reported.</li>
 * <li>A value written by the previous release (every source inside one value) is converted the same
 * way, into one record per source.</li>
 * <li>A track (settings with a motion model) keeps its sources' posteriors as they were sent and
 * predicts them to the newest of their times for every result ({@link TimeAlignment}).</li>
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
     * @param result      the kernels' result (NoSources when no source contributes)
     * @param timeMillis  the time the result refers to (tracks), else null
     * @param sources     the contributing sources and their versions, sorted by source id, while
     *                    there are at most the settings' listing limit of them; else null
     * @param sourceCount the number of contributing sources
     * @param digest      the digest of the contributing (source, version) pairs
     * @param weights     covariance intersection's weights by source id, sorted; null for other rules
     * @param quarantined the quarantined sources and their versions, sorted, under trust; null without trust
     */
    public record Fused(FusionResult result, Long timeMillis, SortedMap<String, Long> sources, int sourceCount, long digest,
                        Map<String, Double> weights, SortedMap<String, Long> quarantined) {
    }

    private final SelectedFusion settings;
    private final VersionedFusion fusion;
    private final Map<String, InvalidInputException> withdrawnByRebuild;

    private QuantityFusion(SelectedFusion settings, VersionedFusion fusion, Map<String, InvalidInputException> withdrawnByRebuild) {
        this.settings = settings;
        this.fusion = fusion;
        this.withdrawnByRebuild = withdrawnByRebuild;
    }

    /**
     * A new quantity ({@code stored} null), or the stored one continued under {@code settings}.
     *
     * @param table the quantity's source records (empty for a new or a legacy quantity)
     * @throws IllegalArgumentException when the stored state cannot be read
     */
    public static QuantityFusion of(SelectedFusion settings, StoredQuantity stored, SourceTable table) {
        int listed = settings.listSourcesUpTo();
        if (stored == null) {
            return new QuantityFusion(settings, new VersionedFusion(settings.newRule(), table, listed).trust(settings.trust()),
                    Map.of());
        }
        if (stored.isLegacy()) {
            return convert(settings, stored.legacy(), table);
        }
        if (stored.fingerprint().equals(settings.fingerprint())) {
            return new QuantityFusion(settings, VersionedFusion.restore(settings.newRule(), table, stored.header(), listed)
                    .trust(settings.trust()), Map.of());
        }
        VersionedFusion previous = VersionedFusion.restore(FusionRuleFactory.emptyRuleFor(stored.header().rule().method()),
                table, stored.header(), listed);
        VersionedFusion.Rebuilt rebuilt = previous.rebuild(settings.newRule(), settings.trust());
        Map<String, InvalidInputException> withdrawn = new LinkedHashMap<>(rebuilt.withdrawn());
        withdrawUnpredictable(settings, rebuilt.fusion(), withdrawn);
        return new QuantityFusion(settings, rebuilt.fusion(), withdrawn);
    }

    /** A value of the previous release, every source inside it, put into {@code table} one record per source. */
    private static QuantityFusion convert(SelectedFusion settings, FusedQuantity legacy, SourceTable table) {
        FusionState state = legacy.state();
        FusionRule old = FusionRuleFactory.emptyRuleFor(state.method());
        VersionedFusion fusion = new VersionedFusion(settings.newRule(), table, settings.listSourcesUpTo()).trust(settings.trust());
        Map<String, InvalidInputException> withdrawn = new LinkedHashMap<>();
        for (SourceEntry e : state.sources()) {
            SourceClock clock = legacy.clocks().getOrDefault(e.sourceId(), new SourceClock(null, 0L));
            try {
                fusion.update(e.sourceId(), e.version(), old.posterior(e.arrays()), clock.posteriorTime(), clock.heardAt());
            } catch (InvalidInputException refused) {
                fusion.recordRetraction(e.sourceId(), e.version(), clock.heardAt());
                withdrawn.put(e.sourceId(), refused);
            }
        }
        state.retracted().forEach((id, version) -> {
            SourceClock clock = legacy.clocks().get(id);
            fusion.recordRetraction(id, version, clock == null ? 0L : clock.heardAt());
        });
        withdrawUnpredictable(settings, fusion, withdrawn);
        return new QuantityFusion(settings, fusion, withdrawn);
    }

    /** With a motion model: a source it cannot predict is withdrawn like one the rule refuses. */
    private static void withdrawUnpredictable(SelectedFusion settings, VersionedFusion fusion,
                                              Map<String, InvalidInputException> withdrawn) {
        if (settings.alignment() == null) {
            return;
        }
        List<String> contributing = new ArrayList<>();
        fusion.forEach((id, arrays) -> contributing.add(id));
        for (String id : contributing) {
            try {
                settings.alignment().requireFits(id, fusion.posterior(id));
            } catch (InvalidInputException refused) {
                fusion.withdraw(id);
                withdrawn.put(id, refused);
            }
        }
    }

    /** This quantity as it continues after a save: the same fusion, the withdrawals of its load reported already. */
    QuantityFusion settled() {
        return withdrawnByRebuild.isEmpty() ? this : new QuantityFusion(settings, fusion, Map.of());
    }

    public SelectedFusion settings() {
        return settings;
    }

    /**
     * Sources withdrawn (at their versions) when the stored state was continued under changed settings
     * or converted from the previous release: those a new rule could not take, or a new motion model
     * could not predict, with the reasons.
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
        return fusion.update(sourceId, version, posterior, posteriorTime, eventTime);
    }

    /** The trust verdict of the last accepted update, or null (no trust configured, or nothing accepted). */
    public TrustVerdict lastTrustVerdict() {
        return fusion.lastTrustVerdict();
    }

    /** Offers a retraction with a version (a null posterior). */
    public UpdateOutcome retract(String sourceId, long version, long eventTime) {
        return fusion.retract(sourceId, version, eventTime);
    }

    /**
     * Retracts a source's current contribution without a version (a tombstone at {@code eventTime}),
     * unless the source's current update is newer in event time than the tombstone.
     */
    public Withdrawal withdraw(String sourceId, long eventTime) {
        SourceRecord r = fusion.record(sourceId);
        if (r == null || !r.contributing()) {
            return Withdrawal.NOT_CONTRIBUTING;
        }
        if (r.heardAt() > eventTime) {
            return Withdrawal.SUPERSEDED;
        }
        fusion.withdraw(sourceId, eventTime);
        return Withdrawal.WITHDRAWN;
    }

    /**
     * A source whose time to live has run out: a contributing one is dropped (true: the fused
     * result changed), and its record forgotten either way — any update of it that could still
     * arrive is older than the time to live and is refused as expired.
     */
    public boolean expire(String sourceId) {
        boolean dropped = fusion.withdraw(sourceId);
        fusion.forget(sourceId);
        return dropped;
    }

    /** The source's record, or null when nothing is known of it. */
    public SourceRecord record(String sourceId) {
        return fusion.record(sourceId);
    }

    /** True when nothing is known of any source any more (the stored state can be deleted). */
    public boolean isForgotten() {
        return fusion.knownCount() == 0;
    }

    /** True when some source contributes. */
    public boolean hasSources() {
        return fusion.sourceCount() > 0;
    }

    /** The fused posterior now: for a track, at the newest of its sources' times. */
    public Fused result() {
        FusionResult result;
        Long time = null;
        if (settings.alignment() == null) {
            result = fusion.result();
        } else {
            TimeAlignment.Aligned aligned = settings.alignment().fuse(fusion, settings.newRule());
            result = aligned.result();
            time = aligned.timeMillis();
        }
        Map<String, Double> weights = null;
        if (result instanceof FusionResult.IntersectionPosterior ci) {
            TreeMap<String, Double> byId = new TreeMap<>(SourceTable.ORDER);
            int[] i = {0};
            fusion.forEach((id, arrays) -> byId.put(id, ci.weights()[i[0]++]));
            weights = Collections.unmodifiableMap(byId);
        }
        return new Fused(result, time, fusion.listedSources(), fusion.sourceCount(), fusion.digest(), weights,
                fusion.trustSettings() == null ? null : fusion.quarantinedSources());
    }

    /** The contributing sources and their versions, sorted, read from the table when not listed (O(K)). */
    public SortedMap<String, Long> allSources() {
        return fusion.sources();
    }

    /** The doubles the rule holds in memory besides its stored state (e.g. dc-fusion's node draws). */
    public long cachedDoubles() {
        return fusion.cachedDoubles();
    }

    /** The state to store beside the source records. */
    public StoredQuantity snapshot(Long indexedTtlMillis) {
        return snapshot(indexedTtlMillis, null);
    }

    /** The state of a chunk to store beside its source records. */
    public StoredQuantity snapshot(Long indexedTtlMillis, StoredQuantity.ChunkGeometry chunk) {
        return StoredQuantity.of(settings.fingerprint(), indexedTtlMillis, fusion.header(), chunk);
    }
}
