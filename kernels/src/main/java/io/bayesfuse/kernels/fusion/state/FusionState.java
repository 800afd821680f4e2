package io.bayesfuse.kernels.fusion.state;

import io.bayesfuse.kernels.fusion.FusionMethod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to continue fusing one quantity after a restart: a plain value, written to a
 * key-value store with {@link io.bayesfuse.kernels.codec.FusionStateCodec}. Arrays are shared, not copied: treat them as
 * read-only.
 *
 * @param method       the rule the state belongs to
 * @param dimension    the quantity's dimension (0 while no source has fixed it)
 * @param aggregates   the rule's running aggregates (e.g. compensated sums and their error parts)
 * @param subtractions subtractions from the aggregates since they were last recomputed exactly
 * @param sources      the contributing sources in order of first arrival, with their versions
 * @param retracted    versions of retracted sources (so a stale update cannot bring one back)
 */
public record FusionState(FusionMethod method, int dimension, List<double[]> aggregates, long subtractions,
                          List<SourceEntry> sources, Map<String, Long> retracted) {

    public FusionState {
        Objects.requireNonNull(method, "method");
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension is " + dimension);
        }
        aggregates = List.copyOf(aggregates);
        sources = List.copyOf(sources);
        retracted = Map.copyOf(retracted);
    }

    /** A state as a rule exports it: versions 0 and no retractions, for {@link #withVersions}. */
    public static FusionState ofRule(FusionMethod method, int dimension, List<double[]> aggregates,
                                     long subtractions, List<SourceEntry> sources) {
        return new FusionState(method, dimension, aggregates, subtractions, sources, Map.of());
    }

    /** The same state with each source's version and the retraction tombstones filled in. */
    public FusionState withVersions(Map<String, Long> versions, Map<String, Long> retractedVersions) {
        List<SourceEntry> versioned = sources.stream()
                .map(e -> e.withVersion(Objects.requireNonNull(versions.get(e.sourceId()),
                        () -> "no version for source '" + e.sourceId() + "'")))
                .toList();
        return new FusionState(method, dimension, aggregates, subtractions, versioned,
                new LinkedHashMap<>(retractedVersions));
    }
}
