package io.bayesfuse.kernels;

import java.util.Objects;

/**
 * Bad input to a kernel: a wrong dimension, a non-finite number, a covariance that is not
 * symmetric positive definite, a missing value. It names what was wrong so the caller can route
 * the record to the dead-letter topic with a reason and a message a person can act on, e.g.
 * {@code sensor 'radar-2': R is 2x2 but the measurement has 3 components}.
 */
public final class InvalidInputException extends IllegalArgumentException {

    /** What kind of problem; the topology maps each to a dead-letter reason code. */
    public enum Problem {
        /** A vector or matrix has the wrong size for the model it is used with. */
        WRONG_DIMENSION,
        /** A value is NaN or infinite. */
        NON_FINITE,
        /** A covariance, precision or noise matrix is not symmetric positive definite. */
        NOT_POSITIVE_DEFINITE,
        /** A required value is absent. */
        MISSING,
        /** A value lies outside its allowed range (a probability above 1, a negative variance...). */
        OUT_OF_RANGE,
        /** Inputs are individually valid but contradict each other. */
        INCONSISTENT,
        /** The input names something that is not configured (a sensor, a model, a method). */
        UNKNOWN_REFERENCE
    }

    private final Problem problem;
    private final String subject;
    private final String field;
    private final String detail;

    /**
     * @param problem the kind of problem
     * @param subject what the input belongs to, e.g. {@code sensor 'radar-2'} or {@code source 'node-1'}
     * @param field   the offending field, e.g. {@code R}
     * @param detail  what was wrong, e.g. {@code is 2x2 but the measurement has 3 components}
     */
    public InvalidInputException(Problem problem, String subject, String field, String detail) {
        super(subject + ": " + field + " " + detail);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.subject = subject;
        this.field = field;
        this.detail = detail;
    }

    public Problem problem() {
        return problem;
    }

    public String subject() {
        return subject;
    }

    public String field() {
        return field;
    }

    /** What was wrong with the field, e.g. {@code is not positive definite}. */
    public String detail() {
        return detail;
    }
}
