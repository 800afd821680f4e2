package io.bayesfuse.topology.query;

import java.util.List;

/**
 * An entity's current state as stored by the filter stage.
 *
 * @param entityId    the entity
 * @param time        the event time of its newest measurement (epoch ms)
 * @param entityClass the entity class whose filter serves it, or null for the default filter
 * @param filterType  kf, ekf, ukf, information, particle or imm
 * @param modelIds    the motion models of its state
 * @param mean        the state mean x (for particle and IMM states: their moment-matched mean)
 * @param covariance  the state covariance P
 * @param map         its position, velocity and 2-sigma ellipse on the map, or null when the
 *                    state has no two position axes
 * @param learnedR    per adaptive sensor that measured the entity, E[R] of the noise posterior learned
 *                    for this entity (sorted by sensor id; empty without adaptive sensors)
 */
public record EntitySnapshot(String entityId, long time, String entityClass, String filterType, List<String> modelIds,
                             double[] mean, double[][] covariance, MapGeometry.Placement map,
                             java.util.SortedMap<String, double[][]> learnedR) {
}
