package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.EntityTracker;

/**
 * The filter chosen for an entity: its class (null for the default filter), the filter type and
 * the tracker that runs it.
 *
 * @param entityClass the matching entity class, or null
 * @param filterType  kf, ekf, ukf, information, particle or imm
 * @param motionModel the motion model id(s), '+'-joined for an IMM
 * @param tracker     the per-entity logic, shared by every entity this filter serves in one task
 * @param priorMean   the prior every entity starts from (what a reset entity is published as)
 * @param priorCovariance its covariance
 */
public record SelectedFilter(String entityClass, String filterType, String motionModel, EntityTracker tracker,
                             double[] priorMean, double[][] priorCovariance) {
}
