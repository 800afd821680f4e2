package io.bayesfuse.kernels.fusion;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The contributing sources of one quantity as a {@link FusionRule} sees them: each source's arrays
 * (what the rule's {@link FusionRule#admit} made of its posterior), wherever they are kept — in
 * memory for the offline {@code fuse} command, in a key-value store (one entry per source) in the
 * stream. Read-only for the rule: only {@link VersionedFusion} writes.
 */
public interface Contributions {

    /** The number of contributing sources. */
    int count();

    /** A contributing source's arrays, or null when the source does not contribute. */
    List<double[]> get(String sourceId);

    /**
     * Visits every contributing source in canonical order (by source id, compared by Unicode code
     * point), so that whatever a rule sums or multiplies over its sources comes out the same
     * wherever they are kept and whatever order they arrived in.
     */
    void forEach(BiConsumer<String, List<double[]>> action);
}
