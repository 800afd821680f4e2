package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.state.FusionState;

import java.util.List;

/**
 * A rule that fuses the current posteriors of many sources about one quantity into one. It holds
 * each source's latest contribution (keyed by source id, in order of first arrival) and whatever
 * running aggregate makes an update cheap. Version bookkeeping is not its business:
 * {@link VersionedFusion} decides which updates reach it.
 *
 * <p>{@link #put} validates first and changes nothing when the posterior is rejected.
 */
public interface FusionRule {

    FusionMethod method();

    /**
     * Adds a source, or replaces its earlier contribution.
     *
     * @throws io.bayesfuse.kernels.InvalidInputException naming {@code source 'id'} when the posterior
     *                                                    is malformed or does not fit this rule
     */
    void put(String sourceId, SourcePosterior posterior);

    /** Removes a source's contribution; afterwards the result is as if it had never been put. */
    void remove(String sourceId);

    /** The ids of the contributing sources, in order of first arrival. */
    List<String> sourceIds();

    /**
     * A contributing source's posterior as this rule holds it, in a form that {@link #put} accepts
     * back (to rounding: a full covariance comes back in information form). It lets a caller fuse
     * the same sources again with another rule, or after predicting them to another time.
     *
     * @throws IllegalArgumentException when the source does not contribute
     */
    SourcePosterior posterior(String sourceId);

    /** The current fused posterior. */
    FusionResult result();

    /**
     * The rule's state for persistence: dimension, aggregates and per-source arrays. Entry versions
     * are left 0; {@link VersionedFusion} fills them in.
     */
    FusionState exportState();

    /**
     * Replaces this rule's state by a previously exported one (whose method matches).
     *
     * @throws IllegalArgumentException when the state does not fit this rule
     */
    void importState(FusionState state);
}
