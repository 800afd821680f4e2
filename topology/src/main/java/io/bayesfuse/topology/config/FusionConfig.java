package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * The fusion stage's settings, e.g.
 * <pre>
 * method: product
 * prior: {mean: [0, 0, 0], covariance: [[4,0,0],[0,4,0],[0,0,4]]}
 * </pre>
 * or {@code method: covariance-intersection, criterion: trace}, or {@code method: fisher}.
 *
 * @param method    product | covariance-intersection | fisher
 * @param criterion for covariance intersection: trace | determinant
 * @param prior     for product: the prior every source used
 */
public record FusionConfig(String method, String criterion, PriorConfig prior) {

    public static final Set<String> METHODS = Set.of("product", "covariance-intersection", "fisher");
    public static final Set<String> CRITERIA = Set.of("trace", "determinant");

    void validate(String path, Problems problems) {
        if (!problems.requirePresent(path + ".method", method)) {
            return;
        }
        if (!METHODS.contains(method)) {
            problems.add(path + ".method", "is '" + method + "', expected one of " + Sorted.of(METHODS));
        }
        if (method.equals("covariance-intersection") && criterion != null && !CRITERIA.contains(criterion)) {
            problems.add(path + ".criterion", "is '" + criterion + "', expected one of " + Sorted.of(CRITERIA));
        }
        if (prior != null) {
            prior.validate(path + ".prior", problems);
        }
    }

    /** @param mean the prior mean; @param covariance the prior covariance */
    public record PriorConfig(double[] mean, double[][] covariance) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".mean", mean) & problems.requirePresent(path + ".covariance", covariance)
                    && MatrixSettings.requireSquare(path + ".covariance", covariance, problems)
                    && covariance.length != mean.length) {
                problems.add(path + ".covariance", "is " + covariance.length + "x" + covariance.length
                        + " but mean has " + mean.length + " components");
            }
        }
    }
}
