/**
 * Data association between tracks and detections: gating clusters
 * ({@link io.bayesfuse.kernels.tracking.association.Clusters}), the exact optimal assignment
 * ({@link io.bayesfuse.kernels.tracking.association.AssignmentSolver}, Jonker–Volgenant) used by global
 * nearest neighbour ({@link io.bayesfuse.kernels.tracking.association.GlobalNearestNeighbour}, on
 * log-likelihood ratios with detection probability and clutter density), and joint probabilistic data
 * association ({@link io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation}), exact per
 * cluster up to a hypothesis bound and by loopy belief propagation beyond it.
 */
package io.bayesfuse.kernels.tracking.association;
