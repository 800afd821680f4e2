package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;

/**
 * The one check of an IMM's Markov chain of modes (Bar-Shalom, Li &amp; Kirubarajan 2001, §11.6): at
 * least two modes, an r×r transition matrix whose rows are probability distributions
 * (π_ij = P(mode j now | mode i one step before)), and r initial mode probabilities summing to 1.
 * {@link InteractingMultipleModel} requires it, and the configuration reports it under the
 * settings' names ({@code models}, {@code transition}, {@code probabilities}).
 */
public final class ImmChecks {

    /** How far a distribution's sum may lie from 1. */
    public static final double SUM_TOLERANCE = 1e-9;

    private ImmChecks() {
    }

    /** @throws InvalidInputException (field {@code models}) when there are fewer than two modes */
    public static void requireModeCount(String subject, int r) {
        if (r < 2) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, "models",
                    "lists " + r + " model(s), an IMM needs at least 2");
        }
    }

    /**
     * @throws InvalidInputException (field {@code transition}, or {@code transition[i]} for row i)
     *                               unless {@code transition} is r×r with rows that are distributions
     */
    public static void requireTransition(String subject, double[][] transition, int r) {
        if (transition == null) {
            throw new InvalidInputException(Problem.MISSING, subject, "transition", "is missing");
        }
        if (transition.length != r) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "transition",
                    "has " + transition.length + " rows but there are " + r + " models");
        }
        for (int i = 0; i < r; i++) {
            int entries = transition[i] == null ? 0 : transition[i].length;
            if (entries != r) {
                throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "transition",
                        "must be " + r + "x" + r + ": row " + i + " has " + entries + " entries");
            }
        }
        for (int i = 0; i < r; i++) {
            requireDistribution(subject, "transition[" + i + "]", transition[i]);
        }
    }

    /** @throws InvalidInputException (field {@code probabilities}) unless it is a distribution over r modes */
    public static void requireProbabilities(String subject, double[] probabilities, int r) {
        if (probabilities == null) {
            throw new InvalidInputException(Problem.MISSING, subject, "probabilities", "is missing");
        }
        if (probabilities.length != r) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "probabilities",
                    "has " + probabilities.length + " entries but there are " + r + " models");
        }
        requireDistribution(subject, "probabilities", probabilities);
    }

    /** @throws InvalidInputException unless every entry lies in [0, 1] and they sum to 1 (to {@link #SUM_TOLERANCE}) */
    public static void requireDistribution(String subject, String field, double[] p) {
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field,
                        "holds " + v + ", probabilities must lie in [0, 1]");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidInputException(Problem.OUT_OF_RANGE, subject, field, "sums to " + sum + ", must sum to 1");
        }
    }
}
