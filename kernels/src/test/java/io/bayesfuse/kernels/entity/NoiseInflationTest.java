package io.bayesfuse.kernels.entity;

import io.bayesfuse.kernels.codec.EntityStateCodec;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseInflationTest {

    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final Gaussian PRIOR = Gaussian.of("prior", new double[]{0, 1, 0, 1},
            new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});
    private static final Sensor GPS = new Sensor("gps", new PositionMeasurement(2), new double[][]{{4, 0.5}, {0.5, 3}},
            Gate.NONE, CV2.layout());

    private static EntityTracker tracker() {
        return new EntityTracker(new KalmanFilter(CV2), PRIOR, Map.of("gps", GPS),
                new OutOfOrderPolicy(10_000, OutOfOrderPolicy.DEFAULT_MAX_MEASUREMENTS), List.of("cv"), 3);
    }

    private static Measurement gps(long time, double x, double y, double[][] R) {
        return new Measurement("gps", time, new double[]{x, y}, R);
    }

    @Test
    void aMeasurementBeforeTheEndIsAdmittedWithTheSensorsRTimesTheFactor() {
        Measurement admitted = new NoiseInflation(10, 5_000).admit(GPS, gps(4_999, 1, 2, null));
        assertThat(admitted.R()).isEqualTo(new double[][]{{40, 5}, {5, 30}});
        assertThat(admitted.z()).containsExactly(1, 2);
        assertThat(admitted.timestamp()).isEqualTo(4_999);
    }

    @Test
    void aMeasurementFromTheEndOnOrWithItsOwnRIsAdmittedAsItCame() {
        NoiseInflation inflation = new NoiseInflation(10, 5_000);
        Measurement late = gps(5_000, 1, 2, null);
        Measurement own = gps(1_000, 1, 2, new double[][]{{9, 0}, {0, 9}});
        assertThat(inflation.admit(GPS, late)).isSameAs(late);
        assertThat(inflation.admit(GPS, own)).isSameAs(own);
        assertThat(NoisePolicy.AS_CONFIGURED.admit(GPS, late)).isSameAs(late);
    }

    @Test
    void anInflatedMeasurementIsFilteredExactlyAsOneCarryingTheInflatedR() {
        TrackingResult inflated = tracker().process("e", null, gps(1_000, 1, 2, null), new NoiseInflation(10, 5_000));
        TrackingResult explicit = tracker().process("e", null, gps(1_000, 1, 2, new double[][]{{40, 5}, {5, 30}}));
        assertThat(EntityStateCodec.encode(inflated.state())).isEqualTo(EntityStateCodec.encode(explicit.state()));
        assertThat(inflated.x()).isEqualTo(explicit.x());
    }

    @Test
    void reFilteringALateArrivalKeepsTheRAMeasurementWasFirstFilteredWith() {
        // the first measurement is inflated, then the inflation is over when a late one re-filters the history
        EntityTracker tracker = tracker();
        EntityState s = tracker.process("e", null, gps(1_000, 1, 2, null), new NoiseInflation(10, 2_000)).state();
        s = tracker.process("e", s, gps(3_000, 2, 3, null)).state();
        TrackingResult revised = tracker.process("e", s, gps(2_000, 1.5, 2.5, null));

        EntityTracker reference = tracker();
        EntityState r = reference.process("e", null, gps(1_000, 1, 2, new double[][]{{40, 5}, {5, 30}})).state();
        r = reference.process("e", r, gps(3_000, 2, 3, null)).state();
        TrackingResult expected = reference.process("e", r, gps(2_000, 1.5, 2.5, null));

        assertThat(revised.status()).isEqualTo(EntityStatus.REVISED);
        assertThat(EntityStateCodec.encode(revised.state())).isEqualTo(EntityStateCodec.encode(expected.state()));
        assertThat(revised.x()).isEqualTo(expected.x());
    }
}
