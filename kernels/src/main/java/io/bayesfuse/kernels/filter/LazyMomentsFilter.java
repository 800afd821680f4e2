package io.bayesfuse.kernels.filter;

import org.ejml.data.DMatrixRMaj;

/**
 * The shared part of the filters whose own state is not the estimate's moments (the information
 * filter's Y and η, the IMM's modes, the particle filter's particles): the mean x and covariance P
 * are computed from that state on first demand and kept until it changes, so a caller that reads
 * them several times pays once.
 */
abstract class LazyMomentsFilter implements RecursiveFilter {

    /** The estimate's moments, valid while current. */
    protected final DMatrixRMaj x;
    protected final DMatrixRMaj P;
    private boolean momentsCurrent;

    protected LazyMomentsFilter(int n) {
        this.x = new DMatrixRMaj(n, 1);
        this.P = new DMatrixRMaj(n, n);
    }

    /**
     * Computes x and P from the filter's own state.
     *
     * @return false when they cannot be computed (the state is not positive definite)
     */
    protected abstract boolean computeMoments();

    /**
     * Brings x and P up to date with the filter's own state.
     *
     * @return false when computing them failed just now
     */
    protected final boolean refreshMoments() {
        if (momentsCurrent) {
            return true;
        }
        momentsCurrent = true;
        return computeMoments();
    }

    /** The filter's own state changed: x and P are to be computed afresh on demand. */
    protected final void momentsStale() {
        momentsCurrent = false;
    }

    /** x and P were set directly and hold the estimate. */
    protected final void momentsSet() {
        momentsCurrent = true;
    }

    @Override
    public final DMatrixRMaj mean() {
        refreshMoments();
        return x;
    }

    @Override
    public final DMatrixRMaj covariance() {
        refreshMoments();
        return P;
    }
}
