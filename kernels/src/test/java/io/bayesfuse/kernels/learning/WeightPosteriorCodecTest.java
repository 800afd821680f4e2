package io.bayesfuse.kernels.learning;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored form of a learner's posterior: every covariance form comes back bit for bit, whatever its size. */
class WeightPosteriorCodecTest {

    private static WeightPosterior random(CovarianceForm form, int D, int rank, long seed) {
        Random random = new Random(seed);
        double[] precision = new double[WeightPosterior.precisionLength(form, D, rank)];
        double[] eta = new double[D];
        for (int k = 0; k < precision.length; k++) {
            precision[k] = random.nextGaussian();
        }
        for (int j = 0; j < D; j++) {
            eta[j] = random.nextGaussian();
        }
        return new WeightPosterior(form, D, rank, precision, eta, 0, 0, 1_700_000_000_123L, 640, 10);
    }

    private static WeightPosterior roundTrip(WeightPosterior p) {
        return WeightPosteriorCodec.decode(WeightPosteriorCodec.readHeader(WeightPosteriorCodec.header(p)),
                WeightPosteriorCodec.chunks(p));
    }

    @Test
    void aLowRankPosteriorComesBackWithItsRankDiagonalFactorAndInformationBitForBit() {
        WeightPosterior p = random(CovarianceForm.LOW_RANK, 50, 4, 1);
        WeightPosterior back = roundTrip(p);
        assertThat(back.form()).isEqualTo(CovarianceForm.LOW_RANK);
        assertThat(back.rank()).isEqualTo(4);
        assertThat(back.dimension()).isEqualTo(50);
        assertThat(back.precision()).hasSize(250).containsExactly(p.precision());
        assertThat(back.information()).containsExactly(p.information());
        assertThat(back.time()).isEqualTo(p.time());
        assertThat(back.examples()).isEqualTo(640);
        assertThat(back.version()).isEqualTo(10);
    }

    @Test
    void aLowRankPosteriorLargerThanAChunkIsCutIntoChunksAndReassembled() {
        // D = 20,000 and r = 8: 180,000 precision values and 20,000 of η, two chunks of at most 120,000
        WeightPosterior p = random(CovarianceForm.LOW_RANK, 20_000, 8, 2);
        assertThat(WeightPosteriorCodec.chunkCount(p)).isEqualTo(2);
        WeightPosterior back = roundTrip(p);
        assertThat(back.precision()).containsExactly(p.precision());
        assertThat(back.information()).containsExactly(p.information());
    }

    @Test
    void aNoiseModelsParametersAndAPosteriorWithoutTimeRoundTrip() {
        WeightPosterior p = new WeightPosterior(CovarianceForm.DIAGONAL, 3, 0, new double[]{1, 2, 3}, new double[]{4, 5, 6}, 2.5,
                7.25, WeightPosterior.NO_TIME, 0, 0);
        WeightPosterior back = roundTrip(p);
        assertThat(back.noiseShape()).isEqualTo(2.5);
        assertThat(back.noiseTerm()).isEqualTo(7.25);
        assertThat(back.time()).isEqualTo(WeightPosterior.NO_TIME);
    }

    @Test
    void aHeaderOfAnotherVersionOrAnUnknownFormIsRefusedNamingTheFormat() {
        byte[] header = WeightPosteriorCodec.header(random(CovarianceForm.LOW_RANK, 5, 2, 3));
        byte[] newer = header.clone();
        newer[0] = 2;
        assertThatThrownBy(() -> WeightPosteriorCodec.readHeader(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learner posterior: version 2 is not 1");
        byte[] unknownForm = header.clone();
        unknownForm[1] = 7;
        assertThatThrownBy(() -> WeightPosteriorCodec.readHeader(unknownForm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learner posterior: covariance form 7 is not one of [DENSE, DIAGONAL, LOW_RANK]");
    }
}
