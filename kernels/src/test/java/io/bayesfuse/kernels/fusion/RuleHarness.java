package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.state.SourceRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule driven the way its tests think of it — put a source, remove it, read the result — over a
 * {@link VersionedFusion} in memory that numbers each source's versions itself.
 */
public final class RuleHarness {

    private final VersionedFusion fusion;
    private final Map<String, Long> versions = new HashMap<>();

    private RuleHarness(FusionRule rule) {
        this.fusion = new VersionedFusion(rule);
    }

    public static RuleHarness of(FusionRule rule) {
        return new RuleHarness(rule);
    }

    /** Adds a source or replaces its contribution (validation failures change nothing). */
    public void put(String sourceId, SourcePosterior posterior) {
        long version = versions.merge(sourceId, 1L, Long::sum);
        fusion.update(sourceId, version, posterior);
    }

    public void putAll(Map<String, SourcePosterior> posteriors) {
        posteriors.forEach(this::put);
    }

    /** Retracts a source (nothing happens when it does not contribute). */
    public void remove(String sourceId) {
        SourceRecord r = fusion.record(sourceId);
        if (r != null && r.contributing()) {
            fusion.retract(sourceId, versions.merge(sourceId, 1L, Long::sum));
        }
    }

    public FusionResult result() {
        return fusion.result();
    }

    /** The contributing sources in canonical order. */
    public List<String> sourceIds() {
        List<String> ids = new ArrayList<>();
        fusion.forEach((id, arrays) -> ids.add(id));
        return ids;
    }

    public SourcePosterior posterior(String sourceId) {
        return fusion.posterior(sourceId);
    }

    /** The retracted sources of a fusion and the versions of their retractions. */
    public static Map<String, Long> retractedOf(VersionedFusion fusion) {
        Map<String, Long> retracted = new java.util.TreeMap<>();
        fusion.forEachRecord(r -> {
            if (!r.contributing()) {
                retracted.put(r.sourceId(), r.version());
            }
        });
        return retracted;
    }

    public VersionedFusion fusion() {
        return fusion;
    }
}
