package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.RuleState;

import java.util.List;

/**
 * A rule that fuses the current posteriors of many sources about one quantity into one. The rule
 * keeps only its running aggregates (whatever makes an update cheap: information sums, Fisher
 * sums); each source's contribution is a few arrays kept outside it, in {@link Contributions},
 * one entry per source, so that an update reads and writes that source's entry and the aggregates
 * whatever the number of sources. Version bookkeeping is not its business: {@link VersionedFusion}
 * decides which updates reach it and stores the arrays.
 *
 * <p>An update is two steps: {@link #admit} validates the posterior and makes the arrays (nothing
 * changes), then, once the arrays are stored, {@link #add} updates the aggregates.
 */
public interface FusionRule {

    FusionMethod method();

    /**
     * Validates a source's posterior and turns it into the arrays this rule keeps for the source.
     * Changes nothing.
     *
     * @param sources the contributions as they are now (the source's previous one included)
     * @throws io.bayesfuse.kernels.InvalidInputException naming {@code source 'id'} when the posterior
     *                                                    is malformed or does not fit this rule
     */
    List<double[]> admit(String sourceId, SourcePosterior posterior, Contributions sources);

    /**
     * Adds an admitted contribution to the aggregates, replacing {@code previous}.
     *
     * @param previous the source's earlier arrays, or null for a new source
     * @param current  the arrays {@link #admit} made
     * @param sources  the contributions with {@code current} already in place
     */
    void add(String sourceId, List<double[]> previous, List<double[]> current, Contributions sources);

    /**
     * Takes a source's contribution out of the aggregates; afterwards the result is as if it had
     * never been added.
     *
     * @param sources the contributions without the source any more
     */
    void remove(String sourceId, List<double[]> previous, Contributions sources);

    /**
     * A source's posterior from the arrays this rule keeps for it, in a form that {@link #admit}
     * accepts back (to rounding: a full covariance comes back in information form). It lets a
     * caller fuse the same sources again with another rule, or after predicting them to another time.
     */
    SourcePosterior posterior(List<double[]> arrays);

    /** The current fused posterior of {@code sources}. */
    FusionResult result(Contributions sources);

    /** The rule's aggregates for persistence. */
    RuleState exportState();

    /**
     * Replaces this rule's aggregates by previously exported ones (whose method matches).
     *
     * @throws IllegalArgumentException when the state does not fit this rule
     */
    void importState(RuleState state);
}
