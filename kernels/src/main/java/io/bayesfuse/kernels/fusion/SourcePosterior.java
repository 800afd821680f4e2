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

    /** Draws from the source's posterior (a particle set with equal weights), one row per draw. */
    record Samples(double[][] draws) implements SourcePosterior {
        @Override
        public String form() {
            return "samples";
        }
    }
}
