package io.bayesfuse.kernels.motion;

/**
 * The process noise of one axis of a kinematic model of order k (k+1 states per axis). The full
 * Q is block-diagonal over the axes (FORMAT.md).
 */
public interface ProcessNoise {

    /**
     * Writes the (k+1)×(k+1) per-axis block for a step of {@code dt} seconds into {@code block}
     * (row-major, length at least (k+1)²).
     */
    void block(int order, double dt, double[] block);
}
