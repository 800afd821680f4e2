package io.bayesfuse.kernels.fusion.montecarlo;

/**
 * A Monte Carlo fusion that produced no draws: every weight vanished, or a covariance it needs is
 * not positive definite. The rule reports it as a failed fusion, naming what happened.
 */
public final class FusionFailedException extends RuntimeException {

    public FusionFailedException(String message) {
        super(message);
    }
}
