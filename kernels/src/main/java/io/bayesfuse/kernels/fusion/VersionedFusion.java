package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.fusion.state.SourceEntry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fusion of one quantity: a {@link FusionRule} behind {@link SourceVersions}. An update from a
 * source is applied only when its version is newer than everything seen from that source; the
 * outcome says what happened either way.
 */
public final class VersionedFusion {

    private final FusionRule rule;
    private final SourceVersions versions = new SourceVersions();

    public VersionedFusion(FusionRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Offers a source's posterior.
     *
     * @throws io.bayesfuse.kernels.InvalidInputException naming the source when a newer posterior is
     *                                                    malformed (nothing changes then)
     */
    public UpdateOutcome update(String sourceId, long version, SourcePosterior posterior) {
        VersionVerdict verdict = versions.judge(sourceId, version);
        UpdateOutcome outcome = new UpdateOutcome(sourceId, version, verdict, versions.newest(sourceId));
        if (verdict.accepted()) {
            rule.put(sourceId, posterior);
            versions.accept(sourceId, version);
        }
        return outcome;
    }

    /** Offers a retraction: a newer one removes the source as if it had never contributed. */
    public UpdateOutcome retract(String sourceId, long version) {
        VersionVerdict verdict = versions.judgeRetraction(sourceId, version);
        UpdateOutcome outcome = new UpdateOutcome(sourceId, version, verdict, versions.newest(sourceId));
        if (verdict.accepted()) {
            rule.remove(sourceId);
            versions.retract(sourceId, version);
        }
        return outcome;
    }

    /**
     * Removes a contributing source without a version of its own: its newest version becomes the
     * version of its retraction, so that only a newer version brings it back. For retractions that
     * carry no version (a Kafka tombstone) and for sources dropped after a time to live.
     *
     * @return false (and nothing changes) when the source does not contribute
     */
    public boolean withdraw(String sourceId) {
        Long newest = versions.contributing().get(sourceId);
        if (newest == null) {
            return false;
        }
        rule.remove(sourceId);
        versions.retract(sourceId, newest);
        return true;
    }

    /**
     * Forgets a retracted source, so that any version of it counts as new again. For state that
     * would otherwise grow with every source that ever came and went; safe once no stale update of
     * the source can arrive any more (e.g. after its time to live). A contributing source is not
     * affected.
     */
    public void forget(String sourceId) {
        versions.forget(sourceId);
    }

    /** A contributing source's posterior as the rule holds it ({@link FusionRule#posterior}). */
    public SourcePosterior posterior(String sourceId) {
        return rule.posterior(sourceId);
    }

    /**
     * The same sources fused by another rule (a changed method or changed options), with every
     * version and retraction kept. Sources are put in their order of first arrival; one whose
     * posterior the new rule refuses (a form it cannot take, a second source of a product without a
     * prior) is withdrawn at its version and reported with the rule's complaint.
     *
     * @param emptyRule a fresh rule of the new configuration
     */
    public Rebuilt rebuild(FusionRule emptyRule) {
        VersionedFusion rebuilt = new VersionedFusion(emptyRule);
        Map<String, InvalidInputException> withdrawn = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sources().entrySet()) {
            try {
                emptyRule.put(e.getKey(), rule.posterior(e.getKey()));
                rebuilt.versions.accept(e.getKey(), e.getValue());
            } catch (InvalidInputException refused) {
                rebuilt.versions.retract(e.getKey(), e.getValue());
                withdrawn.put(e.getKey(), refused);
            }
        }
        versions.retractedSources().forEach(rebuilt.versions::retract);
        return new Rebuilt(rebuilt, withdrawn);
    }

    /**
     * The outcome of {@link #rebuild}: the fusion under the new rule and the sources it refused, each
     * with the reason (in their order of first arrival).
     */
    public record Rebuilt(VersionedFusion fusion, Map<String, InvalidInputException> withdrawn) {
    }

    /** The current fused posterior. */
    public FusionResult result() {
        return rule.result();
    }

    /** The contributing sources and their versions, in order of first arrival. */
    public Map<String, Long> sources() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String id : rule.sourceIds()) {
            ordered.put(id, versions.contributing().get(id));
        }
        return ordered;
    }

    public FusionMethod method() {
        return rule.method();
    }

    /** The persistable state (rule aggregates, per-source arrays, versions, retractions). */
    public FusionState snapshot() {
        return rule.exportState().withVersions(versions.contributing(), versions.retractedSources());
    }

    /**
     * Restores a snapshot into a fresh rule configured like the one that produced it.
     *
     * @throws IllegalArgumentException when the state belongs to another method or does not fit
     */
    public static VersionedFusion restore(FusionRule emptyRule, FusionState state) {
        if (state.method() != emptyRule.method()) {
            throw new IllegalArgumentException("fusion state is for " + state.method() + " but the rule is "
                    + emptyRule.method());
        }
        emptyRule.importState(state);
        VersionedFusion fusion = new VersionedFusion(emptyRule);
        for (SourceEntry e : state.sources()) {
            fusion.versions.accept(e.sourceId(), e.version());
        }
        state.retracted().forEach(fusion.versions::retract);
        return fusion;
    }
}
