package io.bayesfuse.kernels.fusion.alignment;

import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.intersection.CovarianceIntersectionRule;
import io.bayesfuse.kernels.fusion.intersection.IntersectionCriterion;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.junit.jupiter.api.Test;


import static io.bayesfuse.kernels.fusion.FusionTestData.assertClose;
import static io.bayesfuse.kernels.fusion.FusionTestData.gaussianOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeAlignmentTest {

    private static final double q = 0.5;
    /** Constant velocity on one axis: state [p, v]. */
    private final TimeAlignment alignment = new TimeAlignment(KinematicModel.constantVelocity(1, new ContinuousWhiteNoise(q)));

    private static final double[] x = {2.0, -1.0};
    private static final double[][] P = {{4.0, 0.5}, {0.5, 1.0}};

    /** F P Fᵀ + Q for F = [[1, dt], [0, 1]], Q = q [[dt³/3, dt²/2], [dt²/2, dt]], written out. */
    private static double[][] textbookPrediction(double dt) {
        double p00 = P[0][0] + 2 * dt * P[0][1] + dt * dt * P[1][1] + q * dt * dt * dt / 3;
        double p01 = P[0][1] + dt * P[1][1] + q * dt * dt / 2;
        double p11 = P[1][1] + q * dt;
        return new double[][]{{p00, p01}, {p01, p11}};
    }

    @Test
    void aPosteriorIsPredictedWithTheMotionModelsTransitionAndNoise() {
        SourcePosterior.Covariance predicted = alignment.predict("a", new SourcePosterior.Covariance(x, P), 1.5);
        assertClose(predicted.mean(), new double[]{2.0 - 1.5, -1.0}, 1e-15, "x'");
        assertClose(predicted.covariance(), textbookPrediction(1.5), 1e-14, "P'");
    }

    @Test
    void everyGaussianFormPredictsToTheSamePosterior() {
        double[][] Lambda = inverse(P);
        double[] eta = {Lambda[0][0] * x[0] + Lambda[0][1] * x[1], Lambda[1][0] * x[0] + Lambda[1][1] * x[1]};
        SourcePosterior.Covariance fromInformation = alignment.predict("a", new SourcePosterior.Information(Lambda, eta), 0.7);
        SourcePosterior.Covariance fromCovariance = alignment.predict("a", new SourcePosterior.Covariance(x, P), 0.7);
        assertClose(fromInformation.mean(), fromCovariance.mean(), 1e-12, "x' from information form");
        assertClose(fromInformation.covariance(), fromCovariance.covariance(), 1e-12, "P' from information form");

        SourcePosterior.Covariance fromDiagonal = alignment.predict("a",
                new SourcePosterior.DiagonalCovariance(x, new double[]{4.0, 1.0}), 0.7);
        SourcePosterior.Covariance fromFull = alignment.predict("a",
                new SourcePosterior.Covariance(x, new double[][]{{4.0, 0.0}, {0.0, 1.0}}), 0.7);
        assertClose(fromDiagonal.covariance(), fromFull.covariance(), 0, "P' from a diagonal covariance");
    }

    @Test
    void aPosteriorOfAnotherSizeThanTheStateIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> alignment.predict("site-b", new SourcePosterior.Covariance(new double[]{1, 2, 3},
                new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("source 'site-b': mean has 3 components but the motion model's state has 2")
                .extracting(e -> ((InvalidInputException) e).problem()).isEqualTo(InvalidInputException.Problem.WRONG_DIMENSION);
    }

    @Test
    void aNonGaussianPosteriorIsRefused() {
        assertThatThrownBy(() -> alignment.requireFits("w", new SourcePosterior.Fisher(new double[]{1, 2}, new double[]{1, 1})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("source 'w'").hasMessageContaining("needs a Gaussian posterior");
    }

    @Test
    void sourcesAtTheSameTimeAreFusedAsTheyAre() {
        VersionedFusion fusion = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        fusion.update("a", 1, new SourcePosterior.Covariance(x, P), 5_000L, 5_000L);
        fusion.update("b", 1, new SourcePosterior.Covariance(new double[]{2.5, -0.8}, new double[][]{{1.0, 0.0}, {0.0, 3.0}}),
                5_000L, 5_000L);
        TimeAlignment.Aligned aligned = alignment.fuse(fusion, new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        assertThat(aligned.timeMillis()).isEqualTo(5_000L);
        assertClose(gaussianOf(aligned.result()), gaussianOf(fusion.result()), 0, "unchanged");
    }

    @Test
    void sourcesAtDifferentTimesAreFusedAtTheNewestTime() {
        SourcePosterior.Covariance b = new SourcePosterior.Covariance(new double[]{2.5, -0.8}, new double[][]{{1.0, 0.0}, {0.0, 3.0}});
        VersionedFusion fusion = new VersionedFusion(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        fusion.update("a", 1, new SourcePosterior.Covariance(x, P), 4_000L, 4_000L);
        fusion.update("b", 1, b, 6_500L, 6_500L);
        TimeAlignment.Aligned aligned = alignment.fuse(fusion, new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));

        RuleHarness byHand = RuleHarness.of(new CovarianceIntersectionRule(IntersectionCriterion.TRACE, false));
        byHand.put("a", new SourcePosterior.Covariance(new double[]{2.0 - 2.5, -1.0}, textbookPrediction(2.5)));
        byHand.put("b", b);
        assertThat(aligned.timeMillis()).isEqualTo(6_500L);
        assertClose(gaussianOf(aligned.result()), gaussianOf(byHand.result()), 1e-12, "fused at 6.5 s");
        assertClose(((FusionResult.IntersectionPosterior) aligned.result()).weights(),
                ((FusionResult.IntersectionPosterior) byHand.result()).weights(), 1e-9, "weights in source order");
        SourcePosterior.Information storedA = (SourcePosterior.Information) fusion.posterior("a");
        assertClose(storedA.precision(), inverse(P), 1e-12, "a's own posterior is kept, not its prediction");
    }

    private static double[][] inverse(double[][] m) {
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        return new double[][]{{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
    }
}
