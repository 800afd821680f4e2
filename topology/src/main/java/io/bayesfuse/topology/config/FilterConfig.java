package io.bayesfuse.topology.config;

import java.util.Set;

/**
 * The filter stage's settings, e.g.
 * <pre>
 * type: ukf
 * motionModel: cv
 * ukf: {alpha: 0.5, beta: 2.0, kappa: 0.0}
 * initial: {x: [0, 1, 0, 1], P: [[25,0,0,0],[0,4,0,0],[0,0,25,0],[0,0,0,4]]}
 * outOfOrder: {historyMillis: 2000}
 * </pre>
 *
 * @param type        kf | ekf | ukf
 * @param motionModel id of a motion model in {@code motionModels}
 * @param ukf         sigma-point parameters, for ukf
 * @param initial     the prior every entity starts from
 * @param outOfOrder  optional out-of-order history
 */
public record FilterConfig(String type, String motionModel, UkfConfig ukf, InitialConfig initial,
                           OutOfOrderConfig outOfOrder) {

    public static final Set<String> TYPES = Set.of("kf", "ekf", "ukf");

    void validate(String path, BayesfuseConfig root, Problems problems) {
        if (problems.requirePresent(path + ".type", type) && !TYPES.contains(type)) {
            problems.add(path + ".type", "is '" + type + "', expected one of " + Sorted.of(TYPES));
        }
        if (problems.requirePresent(path + ".motionModel", motionModel)
                && !root.motionModels().containsKey(motionModel)) {
            problems.add(path + ".motionModel", "is '" + motionModel + "' but motionModels defines "
                    + Sorted.of(root.motionModels().keySet()));
        }
        if (problems.requirePresent(path + ".initial", initial)) {
            initial.validate(path + ".initial", problems);
        }
        if (outOfOrder != null) {
            outOfOrder.validate(path + ".outOfOrder", problems);
        }
    }

    /** Van der Merwe scaled sigma-point parameters. */
    public record UkfConfig(Double alpha, Double beta, Double kappa) {
    }

    /** @param x the prior mean; @param P the prior covariance */
    public record InitialConfig(double[] x, double[][] P) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".x", x) & problems.requirePresent(path + ".P", P)
                    && MatrixSettings.requireSquare(path + ".P", P, problems) && P.length != x.length) {
                problems.add(path + ".P", "is " + P.length + "x" + P.length + " but x has " + x.length + " components");
            }
        }
    }

    /** @param historyMillis how far behind an entity's newest measurement a late one is still applied */
    public record OutOfOrderConfig(Long historyMillis) {

        void validate(String path, Problems problems) {
            if (problems.requirePresent(path + ".historyMillis", historyMillis) && historyMillis < 0) {
                problems.add(path + ".historyMillis", "is " + historyMillis + ", must be >= 0");
            }
        }
    }
}
