package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.fusion.FusionMethod;

import java.util.List;
import java.util.Objects;

/**
 * A fusion rule's running aggregates, for persistence: a plain value. Arrays are shared, not
 * copied: treat them as read-only.
 *
 * @param method       the rule the state belongs to
 * @param dimension    the quantity's dimension (0 while no source has fixed it)
 * @param aggregates   the rule's running aggregates (e.g. compensated sums and their error parts)
 * @param subtractions subtractions from the aggregates since they were last recomputed exactly
 */
public record RuleState(FusionMethod method, int dimension, List<double[]> aggregates, long subtractions) {

    public RuleState {
        Objects.requireNonNull(method, "method");
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension is " + dimension);
        }
        aggregates = List.copyOf(aggregates);
    }
}
