package io.bayesfuse.kernels.fusion;

import java.util.List;

/**
 * One source's posterior summary of a quantity, in the form the source sends. Values are taken as
 * given; each {@link FusionRule} validates what it uses and names the source when something is
 * wrong. Arrays are not copied here: the rule copies what it keeps.
 */
public sealed interface SourcePosterior {

    /** A short name of the form for messages, e.g. {@code "covariance"}. */
    String form();

    /** Mean x and full covariance P. */
    record Covariance(double[] mean, double[][] covariance) implements SourcePosterior {
        @Override
        public String form() {
            return "covariance";
        }
    }

    /** Mean x and a diagonal covariance P = diag(variances). */
    record DiagonalCovariance(double[] mean, double[] variances) implements SourcePosterior {
        @Override
        public String form() {
            return "diagonal covariance";
        }
    }

    /** Information form: precision Λ = P⁻¹ and information vector η = Λx. */
    record Information(double[][] precision, double[] informationVector) implements SourcePosterior {
        @Override
        public String form() {
            return "information";
        }
    }

    /** Model parameters θ with the diagonal of their Fisher information F. */
    record Fisher(double[] mean, double[] fisherDiagonal) implements SourcePosterior {
        @Override
        public String form() {
            return "fisher diagonal";
        }
    }

    /** A Gaussian mixture Σ wₖ N(xₖ, Pₖ); weights need not be normalised. */
    record Mixture(List<Component> components) implements SourcePosterior {
        @Override
        public String form() {
            return "mixture";
        }
    }

    /** One weighted Gaussian of a {@link Mixture}. */
    record Component(double weight, double[] mean, double[][] covariance) {
    }

    /**
     * A slice of a Gaussian in packed information form: the flattened vector [Λ's upper triangle
     * row by row (d(d+1)/2 entries), then η (d entries)] from {@code offset} on, for posteriors too
     * large for one record, whose chunks are fused elementwise.
     *
     * @param dimension d, the Gaussian's dimension
     * @param offset    the index of the slice's first value in the flattened vector
     * @param values    the slice
     */
    record InformationSlice(int dimension, long offset, double[] values) implements SourcePosterior {
        @Override
        public String form() {
            return "information slice";
        }

        /** The length of the whole flattened vector, d(d+1)/2 + d. */
        public static long flattenedLength(int dimension) {
            return (long) dimension * (dimension + 1) / 2 + dimension;
        }
    }

    /** Draws from the source's posterior (a particle set with equal weights), one row per draw. */
    record Samples(double[][] draws) implements SourcePosterior {
        @Override
        public String form() {
            return "samples";
        }
    }
}
