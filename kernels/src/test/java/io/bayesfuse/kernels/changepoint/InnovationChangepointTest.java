package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.entity.EntityState;
import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.kernels.entity.Measurement;
import io.bayesfuse.kernels.entity.OutOfOrderPolicy;
import io.bayesfuse.kernels.entity.Sensor;
import io.bayesfuse.kernels.entity.TrackingResult;
import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.simulation.TargetSimulation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changepoint detection on a sensor's whitened innovations, as {@link EntityTracker} reports them:
 * a target measured every second by a gps (R = 4·I) and a tag (R = I), with a Normal-Inverse-Wishart
 * detector (d = 2, standard-normal prior, κ₀ = 1, ν₀ = 6; λ = 1000, W = 20, threshold 0.8) on one
 * sensor's innovations. Measured over 20 seeded runs, a change after 300 s of 600:
 * <ul>
 * <li>the gps acquires a bias of 6 m (3σ) east: found in every run, delay median 6, at most 13 of its
 * measurements (the filter partly follows the bias, so the innovations' shift shrinks as it goes);</li>
 * <li>the tag's noise standard deviation triples: found in every run, delay median 6, at most 16;</li>
 * <li>the reported start of the new regime lies within 6 measurements of the true one;</li>
 * <li>false alarms: 1 in the 12 000 innovations before the changes (8·10⁻⁵ per measurement; with
 * λ = 250 it was 8, with a shorter delay by about one measurement).</li>
 * </ul>
 */
class InnovationChangepointTest {

    private static final MotionModel CV2 = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
    private static final Gaussian PRIOR = Gaussian.of("prior", new double[]{0, 1, 0, 1},
            new double[][]{{25, 0, 0, 0}, {0, 4, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 4}});
    private static final PositionMeasurement POSITION = new PositionMeasurement(2);
    private static final int STEPS = 600;
    private static final int CHANGE = 300;

    private static ChangepointDetector detector() {
        return new ChangepointDetector(NormalInverseWishart.standardNormal(2, 1, 6), new ConstantHazard(1000),
                RunLengthPruning.DEFAULT, ChangeDecision.DEFAULT);
    }

    /** The detections on the watched sensor's innovations in one run, whose change affects that sensor. */
    private static List<ChangepointUpdate> run(long seed, String watched, double bias, double noiseFactor) {
        DMatrixRMaj H = new DMatrixRMaj(2, 4);
        POSITION.jacobian(CV2.layout(), new DMatrixRMaj(4, 1), H);
        EntityTracker tracker = new EntityTracker(new KalmanFilter(CV2), PRIOR, Map.of(
                "gps", new Sensor("gps", POSITION, new double[][]{{4, 0}, {0, 4}}, Gate.NONE, CV2.layout()),
                "tag", new Sensor("tag", POSITION, new double[][]{{1, 0}, {0, 1}}, Gate.NONE, CV2.layout())),
                OutOfOrderPolicy.NONE, List.of("cv"), 1);
        ChangepointDetector detector = detector();
        ChangepointState channel = detector.start();
        TargetSimulation sim = new TargetSimulation(seed);
        double[] truth = sim.draw(PRIOR.mean(), Matrices.of(PRIOR.covariance()));
        EntityState entity = null;
        List<ChangepointUpdate> found = new ArrayList<>();
        for (int k = 0; k < STEPS; k++) {
            long t = 1_000_000 + 1000L * k;
            truth = sim.step(CV2, truth, k == 0 ? 0 : 1);
            for (String sensor : List.of("gps", "tag")) {
                double sigma = sensor.equals("gps") ? 2 : 1;
                if (sensor.equals(watched) && k >= CHANGE) {
                    sigma *= noiseFactor;
                }
                double[] z = sim.measure(H, truth, Matrices.diagonal(sigma * sigma, sigma * sigma));
                if (sensor.equals(watched) && k >= CHANGE) {
                    z[0] += bias;
                }
                TrackingResult result = tracker.process("e1", entity, new Measurement(sensor, t, z, null));
                entity = result.state();
                if (sensor.equals(watched)) {
                    ChangepointUpdate update = detector.observe(channel, t, result.normalisedInnovation());
                    channel = update.state();
                    if (update.detected()) {
                        found.add(update);
                    }
                }
            }
        }
        return found;
    }

    /** Over 20 runs: the false alarms before the change, and the delay of the first detection after it (−1: none). */
    private record Outcome(int falseAlarms, List<Integer> delays, long worstStartError) {
        int median() {
            return delays.get(delays.size() / 2);
        }

        int worst() {
            return delays.get(delays.size() - 1);
        }
    }

    private static Outcome outcome(String watched, double bias, double noiseFactor) {
        int falseAlarms = 0;
        long worstStartError = 0;
        List<Integer> delays = new ArrayList<>();
        long changeTime = 1_000_000 + 1000L * CHANGE;
        for (long seed = 0; seed < 20; seed++) {
            Integer delay = null;
            for (ChangepointUpdate u : run(100 + seed, watched, bias, noiseFactor)) {
                long detectedAt = u.state().observations() - 1;
                if (detectedAt < CHANGE) {
                    falseAlarms++;
                } else if (delay == null) {
                    delay = (int) (detectedAt - CHANGE + 1);
                    worstStartError = Math.max(worstStartError, Math.abs(u.changeStart() - changeTime) / 1000);
                }
            }
            delays.add(delay == null ? -1 : delay);
        }
        Collections.sort(delays);
        return new Outcome(falseAlarms, delays, worstStartError);
    }

    @Test
    void aGpsBiasOfThreeSigmaShowsInItsInnovationsWithinAFewMeasurements() {
        Outcome outcome = outcome("gps", 6, 1);
        assertThat(outcome.delays()).doesNotContain(-1);
        assertThat(outcome.median()).isLessThanOrEqualTo(6);
        assertThat(outcome.worst()).isLessThanOrEqualTo(13);
        assertThat(outcome.worstStartError()).isLessThanOrEqualTo(6);
        assertThat(outcome.falseAlarms()).isLessThanOrEqualTo(1);
    }

    @Test
    void aTriplingOfTheTagsNoiseShowsInItsInnovationsWithinAFewMeasurements() {
        Outcome outcome = outcome("tag", 0, 3);
        assertThat(outcome.delays()).doesNotContain(-1);
        assertThat(outcome.median()).isLessThanOrEqualTo(6);
        assertThat(outcome.worst()).isLessThanOrEqualTo(16);
        assertThat(outcome.worstStartError()).isLessThanOrEqualTo(6);
        assertThat(outcome.falseAlarms()).isLessThanOrEqualTo(1);
    }
}
