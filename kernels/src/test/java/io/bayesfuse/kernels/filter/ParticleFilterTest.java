package io.bayesfuse.kernels.filter;

import io.bayesfuse.kernels.simulation.TargetSimulation;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gating.Gate;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.StateEvidenceMeasurement;
import io.bayesfuse.kernels.motion.DiscreteWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static io.bayesfuse.kernels.filter.KalmanFilterTest.CV2;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.P0;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.POSITION;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.R;
import static io.bayesfuse.kernels.filter.KalmanFilterTest.X0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParticleFilterTest {

    private static final int STEPS = 15;
    private static final double[][] MEASUREMENTS = new double[STEPS][];

    static {
        TargetSimulation sim = new TargetSimulation(77);
        double[] truth = X0.clone();
        for (int k = 0; k < STEPS; k++) {
            truth = sim.step(CV2, truth, 1.0);
            MEASUREMENTS[k] = new double[]{truth[0] + 2 * sim.gaussian(), truth[2] + 2 * sim.gaussian()};
        }
    }

    private static RecursiveFilter run(RecursiveFilter filter, long seed) {
        filter.initialise(Matrices.column(X0), Matrices.of(P0), seed);
        for (double[] z : MEASUREMENTS) {
            filter.predict(1.0);
            filter.update(POSITION, Matrices.column(z), R, Gate.NONE);
        }
        return filter;
    }

    /**
     * On a linear-Gaussian problem the Kalman filter is the exact posterior. Over 10 seeds the
     * N = 2000 particle mean scatters around it with its Monte Carlo error: the mean over seeds is
     * within 4 standard errors of the KF mean, and the scatter itself is a small fraction of the
     * posterior standard deviation (about 1/√N_eff).
     */
    @Test
    void matchesTheKalmanFilterMeanWithinItsMonteCarloError() {
        KalmanFilter kf = (KalmanFilter) run(new KalmanFilter(CV2), 0);
        int seeds = 10;
        double[][] means = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            means[s] = Matrices.toArray(run(new ParticleFilter(CV2, 2000, 0.5), 100 + s).mean());
        }
        for (int i = 0; i < 4; i++) {
            double sum = 0;
            for (double[] m : means) {
                sum += m[i];
            }
            double average = sum / seeds;
            double squares = 0;
            for (double[] m : means) {
                squares += (m[i] - average) * (m[i] - average);
            }
            double scatter = Math.sqrt(squares / (seeds - 1));
            double posteriorSd = Math.sqrt(kf.covariance().get(i, i));
            assertThat(Math.abs(average - kf.mean().get(i))).as("component %d", i)
                    .isLessThan(4 * scatter / Math.sqrt(seeds));
            assertThat(scatter).as("component %d scatter", i).isLessThan(0.15 * posteriorSd);
        }
    }

    @Test
    void theSameSeedGivesTheSameParticles() {
        ParticleState a = (ParticleState) run(new ParticleFilter(CV2, 500, 0.5), 42).save();
        ParticleState b = (ParticleState) run(new ParticleFilter(CV2, 500, 0.5), 42).save();
        ParticleState c = (ParticleState) run(new ParticleFilter(CV2, 500, 0.5), 43).save();
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void aRestoredFilterDrawsTheSameNumbersAsTheOriginal() {
        ParticleFilter original = new ParticleFilter(CV2, 300, 0.5);
        original.initialise(Matrices.column(X0), Matrices.of(P0), 5);
        original.predict(1);
        original.update(POSITION, Matrices.column(MEASUREMENTS[0]), R, Gate.NONE);
        ParticleState saved = original.save();
        ParticleFilter copy = new ParticleFilter(CV2, 300, 0.5);
        copy.restore(saved);
        for (ParticleFilter pf : new ParticleFilter[]{original, copy}) {
            pf.predict(1);
            pf.update(POSITION, Matrices.column(MEASUREMENTS[1]), R, Gate.NONE);
        }
        assertThat(copy.save()).isEqualTo(original.save());
    }

    @Test
    void resamplesOnlyWhenTheEffectiveSampleSizeFallsBelowTheThreshold() {
        ParticleFilter always = (ParticleFilter) run(new ParticleFilter(CV2, 500, 1.0), 1);
        ParticleFilter never = (ParticleFilter) run(new ParticleFilter(CV2, 500, 0.0), 1);
        ParticleFilter half = (ParticleFilter) run(new ParticleFilter(CV2, 500, 0.5), 1);
        assertThat(always.resamplings()).isEqualTo(STEPS);
        assertThat(never.resamplings()).isZero();
        assertThat(never.effectiveSampleSize()).isLessThan(250);
        assertThat(half.resamplings()).isBetween(1, STEPS);
    }

    @Test
    void samplesRankDeficientDiscreteWhiteNoise() {
        KinematicModel dwn = KinematicModel.constantVelocity(2, new DiscreteWhiteNoise(0.2));
        ParticleFilter pf = new ParticleFilter(dwn, 2000, 0.5);
        pf.initialise(Matrices.column(X0), Matrices.of(P0), 3);
        pf.predict(1.0);
        KalmanFilter kf = new KalmanFilter(dwn);
        kf.initialise(Matrices.column(X0), Matrices.of(P0), 0);
        kf.predict(1.0);
        for (int i = 0; i < 4; i++) {
            double sd = Math.sqrt(kf.covariance().get(i, i));
            assertThat(Math.sqrt(pf.covariance().get(i, i))).isBetween(0.9 * sd, 1.1 * sd);
        }
        assertThat(pf.isHealthy()).isTrue();
    }

    @Test
    void aGatedMeasurementLeavesTheParticlesAlone() {
        ParticleFilter pf = new ParticleFilter(CV2, 500, 0.5);
        pf.initialise(Matrices.column(X0), Matrices.of(P0), 8);
        pf.predict(1);
        ParticleState before = pf.save();
        UpdateResult result = pf.update(POSITION, Matrices.column(400, 400), R, new ChiSquareGate(0.999));
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.GATED);
        assertThat(result.nis()).isGreaterThan(100);
        assertThat(pf.save()).isEqualTo(before);
    }

    @Test
    void theEstimateIsTheWeightedMomentsOfTheParticles() {
        ParticleFilter pf = new ParticleFilter(CV2, 4000, 0.5);
        pf.initialise(Matrices.column(X0), Matrices.of(P0), 11);
        DMatrixRMaj P = pf.covariance();
        for (int i = 0; i < 4; i++) {
            assertThat(pf.mean().get(i)).isCloseTo(X0[i], within(4 * Math.sqrt(P0[i][i] / 4000)));
            assertThat(P.get(i, i)).isBetween(0.9 * P0[i][i], 1.1 * P0[i][i]);
        }
    }

    /** Weighting by N(f; Hx, Q(z)) / N(Hx; μ₀, S) reproduces the DKF posterior (here 1-D, worked by hand). */
    @Test
    void stateEvidenceIsWeightedByTheDiscriminativeLikelihoodRatio() {
        KinematicModel walk = KinematicModel.randomWalk(1, new DiscreteWhiteNoise(1));
        StateEvidenceMeasurement evidence = new StateEvidenceMeasurement("sensor 'net'", new int[]{0},
                new double[][]{{10}}, null, walk.layout());
        ParticleFilter pf = new ParticleFilter(walk, 20000, 0.5);
        pf.initialise(Matrices.column(1.0), Matrices.of(new double[][]{{4}}), 21);
        UpdateResult result = pf.update(evidence, Matrices.column(2.0), Matrices.of(new double[][]{{1}}), Gate.NONE);
        assertThat(result.outcome()).isEqualTo(UpdateResult.Outcome.APPLIED);
        // DKF: precision 1/4 + 1 − 1/10 = 1.15, mean (1/4 + 2)/1.15
        assertThat(pf.mean().get(0)).isCloseTo(2.25 / 1.15, within(0.03));
        assertThat(pf.covariance().get(0, 0)).isCloseTo(1 / 1.15, within(0.04));
    }
}
