package io.bayesfuse.topology.query;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MixtureComponent;
import io.bayesfuse.avro.MixturePosterior;
import io.bayesfuse.avro.SamplePosterior;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PosteriorSummaryTest {

    @Test
    void aFullCovarianceGivesItsDiagonalsSquareRoots() {
        PosteriorSummary s = PosteriorSummary.of(new GaussianPosterior(List.of(1.0, 2.0),
                new FullCovariance(new Matrix(2, 2, List.of(4.0, 1.0, 1.0, 9.0)))));
        assertThat(s.mean()).containsExactly(1, 2);
        assertThat(s.sd()).containsExactly(2, 3);
    }

    @Test
    void theInformationFormIsSolvedForMeanAndVariance() {
        // Λ = [[2, 1], [1, 2]] → P = [[2, −1], [−1, 2]] / 3; η = Λ·[1, −1] = [1, −1]
        PosteriorSummary s = PosteriorSummary.of(new GaussianPosterior(null,
                new InformationForm(new Matrix(2, 2, List.of(2.0, 1.0, 1.0, 2.0)), List.of(1.0, -1.0))));
        assertThat(s.mean()[0]).isCloseTo(1, within(1e-12));
        assertThat(s.mean()[1]).isCloseTo(-1, within(1e-12));
        assertThat(s.sd()[0]).isCloseTo(Math.sqrt(2 / 3.0), within(1e-12));
        assertThatThrownBy(() -> PosteriorSummary.of(new GaussianPosterior(null,
                new InformationForm(new Matrix(1, 1, List.of(-1.0)), List.of(1.0)))))
                .hasMessageContaining("not positive definite");
    }

    @Test
    void fisherMixturesAndSamplesReduceToTheirMarginalMoments() {
        PosteriorSummary fisher = PosteriorSummary.of(new FisherPosterior(List.of(0.5, 1.5), List.of(4.0, 0.0)));
        assertThat(fisher.sd()).containsExactly(0.5, Double.POSITIVE_INFINITY);

        PosteriorSummary mixture = PosteriorSummary.of(new MixturePosterior(List.of(
                new MixtureComponent(0.5, List.of(-1.0), new DiagonalCovariance(List.of(1.0))),
                new MixtureComponent(0.5, List.of(1.0), new DiagonalCovariance(List.of(1.0))))));
        assertThat(mixture.mean()[0]).isCloseTo(0, within(1e-12));
        assertThat(mixture.sd()[0]).isCloseTo(Math.sqrt(2), within(1e-12));

        PosteriorSummary samples = PosteriorSummary.of(new SamplePosterior(new Matrix(4, 1, List.of(1.0, 3.0, 1.0, 3.0)), null));
        assertThat(samples.mean()).containsExactly(2);
        assertThat(samples.sd()).containsExactly(1);
    }
}
