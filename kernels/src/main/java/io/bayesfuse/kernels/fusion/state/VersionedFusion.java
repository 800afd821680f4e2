package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.Contributions;
import io.bayesfuse.kernels.fusion.FusionMethod;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.trust.LeaveOneOutTest;
import io.bayesfuse.kernels.fusion.trust.SourceTrust;
import io.bayesfuse.kernels.fusion.trust.TrustGate;
import io.bayesfuse.kernels.fusion.trust.TrustSettings;
import io.bayesfuse.kernels.fusion.trust.TrustVerdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The fusion of one quantity: a {@link FusionRule}'s aggregates, plus one {@link SourceRecord} per
 * source in a {@link SourceTable}. Version semantics, shared by the offline {@code fuse} command
 * and the stream: for every source only its newest version counts. An update is applied only when
 * its version is newer than everything seen from that source (its retraction included, so that a
 * late, older update cannot bring a retracted source back); the outcome says what happened either way.
 *
 * <p>An update reads and writes one source record and the rule's aggregates: its cost does not
 * depend on the number of sources K (a rule whose result needs every source, such as covariance
 * intersection, reads them all for the result). The fusion also keeps, without reading the table,
 * the number of contributing and known sources, an order-independent digest of the contributing
 * (source, version) pairs, and — while there are at most {@code listedUpTo} contributing sources —
 * their list; everything persistent is in {@link #header()} and the table.
 *
 * <p><b>Trust</b> ({@link #trust(TrustSettings)}, for rules that are a {@link LeaveOneOutTest}):
 * every accepted update is tested against the fusion of the other counted sources, computed from
 * the rule's aggregates minus the source's own contribution (O(1) in K: product, Fisher) or by
 * fusing the others afresh like a result (O(K): covariance intersection, mixtures); the source's
 * {@link SourceTrust} is kept in its record. A quarantined source keeps its record, version and
 * arrays but does not count: not in the aggregates, the contributing count, the digest or the
 * listing; the header lists the quarantined sources instead.
 *
 * <p>A validation failure changes nothing. Not thread-safe.
 */
public final class VersionedFusion implements Contributions {

    /** Contributing sources listed by default in results (and in the header) before only their count and digest are kept. */
    public static final int DEFAULT_LISTED_UP_TO = 100;

    private final FusionRule rule;
    private final SourceTable table;
    private final SourceLedger ledger;
    private TrustGate trust;
    private TrustVerdict lastTrustVerdict;

    /** A new, empty fusion with its records in memory. */
    public VersionedFusion(FusionRule rule) {
        this(rule, new InMemorySourceTable(), DEFAULT_LISTED_UP_TO);
    }

    /**
     * A new, empty fusion over {@code table} (which must hold no records of it).
     *
     * @param listedUpTo how many contributing sources are listed before only their count and digest are kept (≥ 0)
     */
    public VersionedFusion(FusionRule rule, SourceTable table, int listedUpTo) {
        this(rule, table, new SourceLedger(listedUpTo));
    }

    private VersionedFusion(FusionRule rule, SourceTable table, SourceLedger ledger) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.table = Objects.requireNonNull(table, "table");
        this.ledger = ledger;
    }

    /**
     * A fusion continued from its persisted header and records, in a fresh rule configured like
     * the one that produced them.
     *
     * @throws IllegalArgumentException when the header belongs to another method or does not fit the rule
     */
    public static VersionedFusion restore(FusionRule emptyRule, SourceTable table, FusionHeader header, int listedUpTo) {
        if (header.rule().method() != emptyRule.method()) {
            throw new IllegalArgumentException("fusion state is for " + header.rule().method() + " but the rule is "
                    + emptyRule.method());
        }
        emptyRule.importState(header.rule());
        return new VersionedFusion(emptyRule, table, SourceLedger.restore(header, table, listedUpTo));
    }

    /** The doubles the rule holds in memory besides its state ({@link FusionRule#cachedDoubles()}). */
    public long cachedDoubles() {
        return rule.cachedDoubles();
    }

    /** What persists besides the table. */
    public FusionHeader header() {
        return new FusionHeader(rule.exportState(), ledger.contributing(), ledger.known(), ledger.digest(), ledger.listed(),
                ledger.quarantined());
    }

    /**
     * Tests every accepted update from now on against the other sources and acts on it by
     * {@code settings}; null turns trust off (records written from then on carry no trust).
     *
     * @throws IllegalArgumentException when the rule cannot test a source against the others
     */
    public VersionedFusion trust(TrustSettings settings) {
        if (settings != null && !(rule instanceof LeaveOneOutTest)) {
            throw new IllegalArgumentException("trust is not available for " + rule.method() + " (only for rules with a leave-one-out test)");
        }
        if (settings != null && !((LeaveOneOutTest) rule).offers(settings.test())) {
            throw new IllegalArgumentException("trust test " + settings.test() + " is not available for " + rule.method());
        }
        this.trust = settings == null ? null : new TrustGate(settings);
        return this;
    }

    /** The trust settings in use, or null. */
    public TrustSettings trustSettings() {
        return trust == null ? null : trust.settings();
    }

    /** The trust verdict of the last accepted update, or null (no trust, or no update accepted yet). */
    public TrustVerdict lastTrustVerdict() {
        return lastTrustVerdict;
    }

    /** The quarantined sources and their versions, sorted by source id (read-only; empty without trust). */
    public SortedMap<String, Long> quarantinedSources() {
        return ledger.quarantined();
    }

    /**
     * Offers a source's posterior.
     *
     * @param posteriorTime the time the posterior refers to, or null
     * @param heardAt       the update's event time
     * @throws InvalidInputException naming the source when a newer posterior is malformed (nothing changes then)
     */
    public UpdateOutcome update(String sourceId, long version, SourcePosterior posterior, Long posteriorTime, long heardAt) {
        SourceRecord before = table.get(sourceId);
        VersionVerdict verdict = VersionVerdict.of(before, version, VersionVerdict.NEW_SOURCE);
        UpdateOutcome outcome = new UpdateOutcome(sourceId, version, verdict, newest(before));
        lastTrustVerdict = null;
        if (verdict.accepted()) {
            List<double[]> arrays = rule.admit(sourceId, posterior, this);
            List<double[]> previous = before != null && before.counted() ? before.arrays() : null;
            SourceTrust trusted = null;
            if (trust != null) {
                LeaveOneOutTest test = (LeaveOneOutTest) rule;
                LeaveOneOutTest.LeaveOneOut statistic = test.leaveOneOut(sourceId, arrays, previous,
                        ledger.contributing() - (previous != null ? 1 : 0), this, trust.settings().test());
                SourceTrust was = before != null && before.trust() != null ? before.trust() : SourceTrust.NEW;
                lastTrustVerdict = trust.judge(was, statistic.statistic(), statistic.degreesOfFreedom());
                trusted = lastTrustVerdict.trust();
                double weight = trust.weight(lastTrustVerdict);
                if (weight != 1.0) {
                    arrays = test.scaled(arrays, weight);
                }
            }
            SourceRecord after = SourceRecord.contributing(sourceId, version, posteriorTime, heardAt, arrays).withTrust(trusted);
            write(before, after);
            if (after.counted()) {
                rule.add(sourceId, previous, arrays, this);
            } else if (previous != null) {
                rule.remove(sourceId, previous, this);
            }
        }
        return outcome;
    }

    /** {@link #update(String, long, SourcePosterior, Long, long)} without times (heard at 0). */
    public UpdateOutcome update(String sourceId, long version, SourcePosterior posterior) {
        return update(sourceId, version, posterior, null, 0L);
    }

    /** Offers a retraction: a newer one removes the source as if it had never contributed. */
    public UpdateOutcome retract(String sourceId, long version, long heardAt) {
        SourceRecord before = table.get(sourceId);
        VersionVerdict verdict = VersionVerdict.of(before, version, VersionVerdict.UNKNOWN_SOURCE);
        UpdateOutcome outcome = new UpdateOutcome(sourceId, version, verdict, newest(before));
        if (verdict.accepted()) {
            takeOut(before, SourceRecord.retracted(sourceId, version, heardAt));
        }
        return outcome;
    }

    /** {@link #retract(String, long, long)} heard at 0. */
    public UpdateOutcome retract(String sourceId, long version) {
        return retract(sourceId, version, 0L);
    }

    /**
     * Removes a contributing source without a version of its own: its newest version becomes the
     * version of its retraction, so that only a newer version brings it back. For retractions that
     * carry no version (a Kafka tombstone) and for sources dropped after a time to live.
     *
     * @param heardAt the retraction's event time, or null to keep the time the source was last heard of
     * @return false (and nothing changes) when the source does not contribute
     */
    public boolean withdraw(String sourceId, Long heardAt) {
        SourceRecord before = table.get(sourceId);
        if (before == null || !before.contributing()) {
            return false;
        }
        takeOut(before, SourceRecord.retracted(sourceId, before.version(), heardAt != null ? heardAt : before.heardAt()));
        return true;
    }

    /** {@link #withdraw(String, Long)} keeping the time the source was last heard of. */
    public boolean withdraw(String sourceId) {
        return withdraw(sourceId, null);
    }

    /**
     * Forgets a retracted source, so that any version of it counts as new again. For state that
     * would otherwise grow with every source that ever came and went; safe once no stale update of
     * the source can arrive any more (e.g. after its time to live). A contributing source is not affected.
     */
    public void forget(String sourceId) {
        SourceRecord before = table.get(sourceId);
        if (before != null && !before.contributing()) {
            table.remove(sourceId);
            ledger.forgotten();
        }
    }

    /**
     * Records that a source unknown so far was retracted at {@code version}: for converting the
     * stored state of an earlier release, whose retractions are versions without a posterior.
     *
     * @throws IllegalStateException when something is known of the source already
     */
    public void recordRetraction(String sourceId, long version, long heardAt) {
        if (table.get(sourceId) != null) {
            throw new IllegalStateException("source '" + sourceId + "' is known already");
        }
        write(null, SourceRecord.retracted(sourceId, version, heardAt));
    }

    /** The source's record, or null when nothing is known of it. */
    public SourceRecord record(String sourceId) {
        return table.get(sourceId);
    }

    /** Visits every source record, contributing and retracted, in canonical order. */
    public void forEachRecord(Consumer<SourceRecord> action) {
        table.forEach(action);
    }

    /** A contributing source's posterior as the rule holds it ({@link FusionRule#posterior}). */
    public SourcePosterior posterior(String sourceId) {
        List<double[]> arrays = get(sourceId);
        if (arrays == null) {
            throw new IllegalArgumentException("source '" + sourceId + "' does not contribute");
        }
        return rule.posterior(arrays);
    }

    /** The current fused posterior. */
    public FusionResult result() {
        return rule.result(this);
    }

    public FusionMethod method() {
        return rule.method();
    }

    /** The number of contributing sources. */
    public int sourceCount() {
        return ledger.contributing();
    }

    /** The number of known sources (contributing and retracted). */
    public int knownCount() {
        return ledger.known();
    }

    /** The digest of the contributing (source, version) pairs ({@link SourceSetDigest}). */
    public long digest() {
        return ledger.digest();
    }

    /**
     * The contributing sources and their versions, sorted by source id, while there are at most
     * the listing limit of them; null above it (then only {@link #sourceCount} and {@link #digest} say which).
     */
    public SortedMap<String, Long> listedSources() {
        return ledger.listed(); // read-only
    }

    /** The contributing sources and their versions, sorted by source id, read from the table (O(K)). */
    public SortedMap<String, Long> sources() {
        if (ledger.listed() != null) {
            return listedSources();
        }
        return Collections.unmodifiableSortedMap(SourceLedger.counted(table));
    }

    /**
     * The same sources fused by another rule (a changed method or changed options), with every
     * version and retraction kept, over the same table. Sources are put in canonical order; one
     * whose posterior the new rule refuses (a form it cannot take, a second source of a product
     * without a prior) is withdrawn at its version and reported with the rule's complaint. Reads
     * and rewrites every record: O(K), once per change of settings.
     *
     * @param emptyRule a fresh rule of the new configuration
     */
    public Rebuilt rebuild(FusionRule emptyRule) {
        return rebuild(emptyRule, null);
    }

    /**
     * {@link #rebuild(FusionRule)} under trust settings (null for none): every source is judged
     * afresh, in canonical order, as if its stored posterior were its first update.
     */
    public Rebuilt rebuild(FusionRule emptyRule, TrustSettings trustSettings) {
        VersionedFusion scratch = new VersionedFusion(emptyRule, new InMemorySourceTable(), ledger.listedUpTo()).trust(trustSettings);
        Map<String, InvalidInputException> withdrawn = new LinkedHashMap<>();
        List<SourceRecord> records = new ArrayList<>();
        table.forEach(records::add);
        for (SourceRecord r : records) {
            if (!r.contributing()) {
                scratch.write(null, r);
                continue;
            }
            try {
                scratch.update(r.sourceId(), r.version(), rule.posterior(r.arrays()), r.posteriorTime(), r.heardAt());
            } catch (InvalidInputException refused) {
                scratch.write(null, SourceRecord.retracted(r.sourceId(), r.version(), r.heardAt()));
                withdrawn.put(r.sourceId(), refused);
            }
        }
        scratch.table.forEach(table::put);
        VersionedFusion rebuilt = new VersionedFusion(emptyRule, table, scratch.ledger);   // the scratch fusion is dropped
        rebuilt.trust = scratch.trust;
        return new Rebuilt(rebuilt, withdrawn);
    }

    /**
     * The outcome of {@link #rebuild}: the fusion under the new rule and the sources it refused, each
     * with the reason (in canonical order).
     */
    public record Rebuilt(VersionedFusion fusion, Map<String, InvalidInputException> withdrawn) {
    }

    // Contributions: what the rule sees

    @Override
    public int count() {
        return ledger.contributing();
    }

    @Override
    public List<double[]> get(String sourceId) {
        SourceRecord r = table.get(sourceId);
        return r != null && r.counted() ? r.arrays() : null;
    }

    @Override
    public void forEach(BiConsumer<String, List<double[]>> action) {
        table.forEach(r -> {
            if (r.counted()) {
                action.accept(r.sourceId(), r.arrays());
            }
        });
    }

    // bookkeeping

    private static OptionalLong newest(SourceRecord before) {
        return before == null ? OptionalLong.empty() : OptionalLong.of(before.version());
    }

    private void takeOut(SourceRecord before, SourceRecord retraction) {
        write(before, retraction);
        if (before.counted()) {
            rule.remove(retraction.sourceId(), before.arrays(), this);
        }
    }

    /** Writes a record and keeps the ledger in step. */
    private void write(SourceRecord before, SourceRecord after) {
        ledger.replace(before, after);
        table.put(after);
        ledger.fitListing(table);
    }
}
