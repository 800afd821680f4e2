package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SensorSimulatorTest {

    private static final TargetState TRUTH = new TargetState(5000, 300, 12, -200, -5);
    private static final int N = 40_000;

    @Test
    void gaussianNoiseHasTheCovarianceItWasAskedFor() {
        double[][] R = {{4, 1.2}, {1.2, 1}};
        GaussianNoise noise = new GaussianNoise("test", R);
        SplitMix64 random = new SplitMix64(5);
        double[][] sum = new double[2][2];
        for (int k = 0; k < N; k++) {
            double[] e = noise.sample(random);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    sum[i][j] += e[i] * e[j] / N;
                }
            }
        }
        assertThat(sum[0][0]).isCloseTo(4, within(0.12));
        assertThat(sum[0][1]).isCloseTo(1.2, within(0.05));
        assertThat(sum[1][1]).isCloseTo(1, within(0.03));
    }

    @Test
    void positionReadingsAreTheTruePositionPlusNoiseOfCovarianceR() {
        SensorSimulator gps = new SensorSimulator(new SensorSpec("gps", SensorKind.POSITION, 1000,
                new double[][]{{9, 0}, {0, 9}}, null, null, 0, null));
        double[] stats = moments(gps, 0, TRUTH.x());
        assertThat(stats[0]).isCloseTo(TRUTH.x(), within(0.05));
        assertThat(stats[1]).isCloseTo(9, within(0.3));
    }

    @Test
    void aDegradedPositionSensorAddsItsBiasOnlyDuringItsEpisodes() {
        Degradation episodes = new Degradation(4_000, 2_000, 10_000, new double[]{12, -12});
        SensorSimulator gps = new SensorSimulator(new SensorSpec("gps", SensorKind.POSITION, 1000,
                new double[][]{{9, 0}, {0, 9}}, null, null, 0, null, episodes));
        SplitMix64 random = new SplitMix64(3);
        double[] during = new double[2];
        double[] outside = new double[2];
        int n = 20_000;
        for (int k = 0; k < n; k++) {
            SensorReading in = gps.observe("t", TRUTH, random);            // t = 5000: inside [4000, 6000)
            SensorReading out = gps.observe("t", new TargetState(7000, TRUTH.x(), 12, TRUTH.y(), -5), random);
            assertThat(in.kind()).isEqualTo(ReadingKind.DEGRADED);
            assertThat(out.kind()).isEqualTo(ReadingKind.TRUE);
            for (int i = 0; i < 2; i++) {
                during[i] += in.z()[i] / n;
                outside[i] += out.z()[i] / n;
            }
        }
        assertThat(during[0] - TRUTH.x()).isCloseTo(12, within(0.1));
        assertThat(during[1] - TRUTH.y()).isCloseTo(-12, within(0.1));
        assertThat(outside[0] - TRUTH.x()).isCloseTo(0, within(0.1));
        assertThat(episodes.isActive(14_500)).isTrue();
        assertThat(episodes.isActive(16_000)).isFalse();
        assertThat(episodes.isActive(3_999)).isFalse();
        assertThatThrownBy(() -> new SensorSpec("radar", SensorKind.RANGE_BEARING, 500, new double[][]{{25, 0}, {0, 1e-6}},
                new double[]{0, 0}, null, 0, null, episodes)).hasMessageContaining("only a position sensor can degrade");
    }

    @Test
    void radarReadingsAreRangeAndBearingFromItsOrigin() {
        SensorSimulator radar = new SensorSimulator(new SensorSpec("radar", SensorKind.RANGE_BEARING, 500,
                new double[][]{{25, 0}, {0, 1e-6}}, new double[]{-100, 50}, null, 0, null));
        double range = Math.hypot(TRUTH.x() + 100, TRUTH.y() - 50);
        double bearing = Math.atan2(TRUTH.y() - 50, TRUTH.x() + 100);
        assertThat(moments(radar, 0, range)[0]).isCloseTo(range, within(0.1));
        assertThat(moments(radar, 0, range)[1]).isCloseTo(25, within(1.0));
        assertThat(moments(radar, 1, bearing)[0]).isCloseTo(bearing, within(2e-5));
    }

    @Test
    void stateEvidenceIsALearnedPosteriorThatGivesBackTheVelocityObservationOnceItsPriorIsDividedOut() {
        double[][] R = {{2.25, 0}, {0, 2.25}};
        double[][] S = {{225, 0}, {0, 225}};
        SensorSimulator net = new SensorSimulator(new SensorSpec("velocity-net", SensorKind.STATE_EVIDENCE, 1500, R, null, S,
                0, null));
        SplitMix64 random = new SplitMix64(9);
        double mean = 0;
        double square = 0;
        for (int k = 0; k < N; k++) {
            SensorReading r = net.observe("e", TRUTH, random);
            // Q = (S⁻¹ + R⁻¹)⁻¹ = 1 / (1/225 + 1/2.25)
            assertThat(r.R()[0][0]).isCloseTo(1 / (1 / 225.0 + 1 / 2.25), within(1e-12));
            assertThat(r.R()[0][1]).isZero();
            // the discriminative update's effective measurement (Q⁻¹ − S⁻¹)⁻¹ Q⁻¹ f is the observation o = v + e
            double qInv = 1 / r.R()[0][0];
            double o = qInv * r.z()[0] / (qInv - 1 / 225.0);
            mean += o / N;
            square += (o - TRUTH.vx()) * (o - TRUTH.vx()) / N;
        }
        assertThat(mean).isCloseTo(TRUTH.vx(), within(0.03));
        assertThat(square).isCloseTo(2.25, within(0.08));
    }

    @Test
    void clutterPutsReadingsFarFromTheTarget() {
        SensorSimulator gps = new SensorSimulator(new SensorSpec("gps", SensorKind.POSITION, 1000,
                new double[][]{{1, 0}, {0, 1}}, null, null, 0.5, null));
        SplitMix64 random = new SplitMix64(2);
        int clutter = 0;
        for (int k = 0; k < 2000; k++) {
            SensorReading r = gps.observe("e", TRUTH, random);
            double miss = Math.hypot(r.z()[0] - TRUTH.x(), r.z()[1] - TRUTH.y());
            if (r.kind() == ReadingKind.CLUTTER) {
                clutter++;
                assertThat(miss).isGreaterThan(140);
            } else {
                assertThat(miss).isLessThan(10);
            }
        }
        assertThat(clutter).isBetween(900, 1100);
    }

    @Test
    void anOutageSilencesTheSensorForItsLengthEveryPeriod() {
        Outage outage = new Outage(25_000, 15_000, 60_000);
        assertThat(outage.isDown(24_999)).isFalse();
        assertThat(outage.isDown(25_000)).isTrue();
        assertThat(outage.isDown(39_999)).isTrue();
        assertThat(outage.isDown(40_000)).isFalse();
        assertThat(outage.isDown(85_000)).isTrue();
        assertThat(Outage.NONE.isDown(1_000_000)).isFalse();
    }

    /** {mean, variance} of component {@code i} of many readings of TRUTH, the variance around {@code centre}. */
    private static double[] moments(SensorSimulator sensor, int i, double centre) {
        SplitMix64 random = new SplitMix64(1);
        double mean = 0;
        double square = 0;
        for (int k = 0; k < N; k++) {
            double v = sensor.observe("e", TRUTH, random).z()[i];
            mean += v / N;
            square += (v - centre) * (v - centre) / N;
        }
        return new double[]{mean, square};
    }
}
