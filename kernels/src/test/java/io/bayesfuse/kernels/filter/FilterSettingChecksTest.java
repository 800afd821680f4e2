package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.CoordinatedTurnModel;
import io.bayesfuse.kernels.tracking.TrackingPolicy;
import io.bayesfuse.kernels.tracking.TrackingSensor;
import io.bayesfuse.kernels.tracking.association.JointProbabilisticAssociation;
import org.junit.jupiter.api.Test;

import static io.bayesfuse.kernels.filter.KalmanFilterTest.CV2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks a kernel's constructor makes of its settings are static helpers the configuration runs
 * too: each names its field with the setting's name, and the constructor refuses what they refuse.
 */
class FilterSettingChecksTest {

    private static final double[][] SWITCHING = {{0.9, 0.1}, {0.1, 0.9}};

    @Test
    void aParticleFilterNeedsTwoParticlesAndAThresholdInTheUnitInterval() {
        assertThatThrownBy(() -> new ParticleFilter(CV2, 1, 0.5)).isInstanceOf(InvalidInputException.class)
                .hasMessage("particle filter: particles is 1, must be at least 2");
        assertThatThrownBy(() -> new ParticleFilter(CV2, 100, 1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessage("particle filter: resampleThreshold is 1.5, must lie in [0, 1]");
        assertThatCode(() -> ParticleFilter.requireResampleThreshold("p", 0)).doesNotThrowAnyException();
        assertThatCode(() -> ParticleFilter.requireResampleThreshold("p", 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ParticleFilter.requireResampleThreshold("p", Double.NaN)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sigmaPointsNeedAFinitePositiveAlphaFiniteBetaAndKappaAboveMinusN() {
        assertThatThrownBy(() -> new UnscentedKalmanFilter(CV2, 0, 2, 0)).hasMessage("sigma points: alpha is 0.0, must be a finite number > 0");
        assertThatThrownBy(() -> new UnscentedKalmanFilter(CV2, Double.POSITIVE_INFINITY, 2, 0))
                .hasMessage("sigma points: alpha is Infinity, must be a finite number > 0");
        assertThatThrownBy(() -> new UnscentedKalmanFilter(CV2, 1, Double.NaN, 0)).hasMessage("sigma points: beta is NaN, must be finite");
        assertThatThrownBy(() -> new UnscentedKalmanFilter(CV2, 1, 2, Double.NaN)).hasMessage("sigma points: kappa is NaN, must be finite");
        assertThatThrownBy(() -> new UnscentedKalmanFilter(CV2, 0.5, 2, -4)).isInstanceOf(InvalidInputException.class)
                .hasMessage("sigma points: kappa is -4.0, must exceed -n = -4 for a state of 4 components (n + λ = α²(n + κ) must be positive)");
        assertThat(new MerweScaledSigmaPoints(4, 0.5, 2, -3.5).lambda()).isEqualTo(0.25 * 0.5 - 4);
    }

    @Test
    void anImmNeedsTwoModesAStochasticTransitionMatrixAndInitialProbabilities() {
        GaussianFilter[] two = {new KalmanFilter(CV2), new KalmanFilter(CV2)};
        assertThatThrownBy(() -> new InteractingMultipleModel(new GaussianFilter[]{new KalmanFilter(CV2)}, new double[][]{{1}}, new double[]{1}))
                .hasMessage("IMM: models lists 1 model(s), an IMM needs at least 2");
        assertThatThrownBy(() -> new InteractingMultipleModel(two, new double[][]{{0.9, 0.1}}, new double[]{0.5, 0.5}))
                .hasMessage("IMM: transition has 1 rows but there are 2 models");
        assertThatThrownBy(() -> new InteractingMultipleModel(two, new double[][]{{0.9, 0.1}, {1}}, new double[]{0.5, 0.5}))
                .hasMessage("IMM: transition must be 2x2: row 1 has 1 entries");
        assertThatThrownBy(() -> new InteractingMultipleModel(two, new double[][]{{0.9, 0.1}, {0.5, 0.25}}, new double[]{0.5, 0.5}))
                .isInstanceOf(InvalidInputException.class).hasMessage("IMM: transition[1] sums to 0.75, must sum to 1");
        assertThatThrownBy(() -> new InteractingMultipleModel(two, SWITCHING, new double[]{0.5, 0.5, 0}))
                .hasMessage("IMM: probabilities has 3 entries but there are 2 models");
        assertThatThrownBy(() -> new InteractingMultipleModel(two, SWITCHING, new double[]{Double.NaN, 1}))
                .hasMessage("IMM: probabilities holds NaN, probabilities must lie in [0, 1]");
        assertThatCode(() -> ImmChecks.requireDistribution("IMM", "probabilities", new double[]{1.0 / 3, 1.0 / 3, 1.0 / 3}))
                .doesNotThrowAnyException();
    }

    @Test
    void aCoordinatedTurnNeedsAFiniteNonNegativeTurnRateNoise() {
        assertThatThrownBy(() -> new CoordinatedTurnModel(new ContinuousWhiteNoise(0.1), -1e-4)).isInstanceOf(InvalidInputException.class)
                .hasMessage("coordinated turn: turnRateNoise is -1.0E-4, must be a finite number >= 0");
        assertThatCode(() -> new CoordinatedTurnModel(new ContinuousWhiteNoise(0.1), 0)).doesNotThrowAnyException();
    }

    @Test
    void trackingNeedsAPositiveJpdaBoundOneOrMoreHitsInNScansAndPositiveDeletionLimits() {
        assertThatThrownBy(() -> new JointProbabilisticAssociation(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("JPDA: maxHypotheses is 0, must be at least 1");
        assertThatThrownBy(() -> new TrackingPolicy.Initiation(0, 3)).hasMessage("initiation: m is 0, must be at least 1");
        assertThatThrownBy(() -> new TrackingPolicy.Initiation(4, 3)).hasMessage("initiation: n is 3, must be at least m (4)");
        assertThatThrownBy(() -> TrackingPolicy.Deletion.afterMisses(0)).hasMessage("deletion: misses is 0, must be at least 1");
        assertThatThrownBy(() -> new TrackingPolicy.Deletion(3, Double.POSITIVE_INFINITY))
                .hasMessage("deletion: maxPositionVariance is Infinity, must be a finite number > 0");
        assertThat(new TrackingPolicy.Deletion(3, Double.NaN).maxPositionVariance()).as("NaN: no limit").isNaN();
    }

    @Test
    void aTrackingSensorNeedsADetectionProbabilityInTheHalfOpenUnitIntervalAndAPositiveClutterDensity() {
        double[][] R = {{1, 0}, {0, 1}};
        assertThatThrownBy(() -> new TrackingSensor("radar", new PositionMeasurement(2), R, 0, 1e-6, CV2.layout()))
                .hasMessage("sensor 'radar': detectionProbability is 0.0, must lie in (0, 1]");
        assertThatThrownBy(() -> new TrackingSensor("radar", new PositionMeasurement(2), R, 1, Double.POSITIVE_INFINITY, CV2.layout()))
                .hasMessage("sensor 'radar': clutterDensity is Infinity, must be a finite number > 0");
        assertThat(new TrackingSensor("radar", new PositionMeasurement(2), R, 1, 1e-6, CV2.layout()).detectionProbability()).isEqualTo(1);
    }
}
