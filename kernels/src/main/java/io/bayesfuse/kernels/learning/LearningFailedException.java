package io.bayesfuse.kernels.learning;

/** A learner's update produced a posterior that is not a Gaussian (a precision not positive definite, a non-finite value). */
public final class LearningFailedException extends RuntimeException {

    public LearningFailedException(String message) {
        super(message);
    }
}
