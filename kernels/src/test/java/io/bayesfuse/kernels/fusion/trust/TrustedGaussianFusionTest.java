package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four sources estimate the same static θ ∈ ℝ² with independent errors N(0, σ²I), σ = 1, and send a
 * new posterior (xᵢ = θ + eᵢ, Pᵢ = σ²I) every step.
 */
class TrustedGaussianFusionTest {

    private static final String[] IDS = {"a", "b", "c", "d"};
    private static final double[][] P = {{1, 0}, {0, 1}};
    private static final double[] THETA = {3.0, -1.0};
    /** A 5σ bias, along (1, 1)/√2. */
    private static final double[] BIAS = {5 / Math.sqrt(2), 5 / Math.sqrt(2)};

    private static double[] honest(SplitMix64 random) {
        return new double[]{THETA[0] + random.nextGaussian(), THETA[1] + random.nextGaussian()};
    }

    private static double nees(Gaussian g) {
        double[] e = {g.mean(0) - THETA[0], g.mean(1) - THETA[1]};
        double a = g.covariance(0, 0);
        double b = g.covariance(0, 1);
        double c = g.covariance(1, 1);
        double det = a * c - b * b;
        return (c * e[0] * e[0] - 2 * b * e[0] * e[1] + a * e[1] * e[1]) / det;
    }

    @Test
    void aSourceThatDevelopsAFiveSigmaBiasIsQuarantinedWithinFiveOfItsUpdates() {
        for (long run = 0; run < 200; run++) {
            SplitMix64 random = new SplitMix64(SplitMix64.mix(run));
            TrustedGaussianFusion fusion = new TrustedGaussianFusion(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
            for (int step = 0; step < 10; step++) {
                for (String id : IDS) {
                    fusion.update(id, honest(random), P);
                }
            }
            int biasedUpdates = 0;
            boolean excluded = false;
            while (!excluded && biasedUpdates < 50) {
                for (String id : IDS) {
                    double[] x = honest(random);
                    if (id.equals("d")) {
                        x[0] += BIAS[0];
                        x[1] += BIAS[1];
                        biasedUpdates++;
                        excluded = fusion.update(id, x, P).excluded();
                    } else {
                        fusion.update(id, x, P);
                    }
                }
            }
            assertThat(biasedUpdates).as("run %d: biased updates before quarantine", run).isBetween(1, 5);
        }
    }

    @Test
    void anHonestSourceIsWronglyQuarantinedInAtMostTwoTenthsOfAPercentOfTenThousandUpdates() {
        SplitMix64 random = new SplitMix64(2026);
        TrustedGaussianFusion fusion = new TrustedGaussianFusion(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
        int quarantines = 0;
        int updates = 0;
        while (updates < 10_000) {
            for (String id : IDS) {
                TrustVerdict verdict = fusion.update(id, honest(random), P);
                if (id.equals("a")) {
                    updates++;
                    if (verdict.state() == TrustVerdict.State.NEWLY_QUARANTINED) {
                        quarantines++;
                    }
                }
            }
        }
        // the gate passes a consistent source with probability 0.999: about 10 false alarms in 10,000
        assertThat(quarantines).isLessThanOrEqualTo(20);
        assertThat(fusion.score("a")).isGreaterThan(0.5);
    }

    @Test
    void withTrustTheFusedNeesStaysInsideItsBandWhileTheUntrustingProductLeavesIt() {
        int runs = 200;
        int steps = 30;
        int onset = 10;
        double[] trusted = new double[steps];
        double[] untrusting = new double[steps];
        for (long run = 0; run < runs; run++) {
            SplitMix64 random = new SplitMix64(SplitMix64.mix(1000 + run));
            TrustedGaussianFusion withTrust = new TrustedGaussianFusion(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
            TrustedGaussianFusion without = new TrustedGaussianFusion(new TrustSettings(0.999, TrustAction.NONE, 3));
            for (int step = 0; step < steps; step++) {
                for (String id : IDS) {
                    double[] x = honest(random);
                    if (id.equals("d") && step >= onset) {
                        x[0] += BIAS[0];
                        x[1] += BIAS[1];
                    }
                    withTrust.update(id, x, P);
                    without.update(id, x, P);
                }
                trusted[step] += nees(withTrust.fused()) / runs;
                untrusting[step] += nees(without.fused()) / runs;
            }
        }
        // the average of 200 χ²₂ values lies in [χ²₄₀₀(0.025), χ²₄₀₀(0.975)] / 200 with probability 0.95
        double low = ChiSquareGate.quantile(0.025, 2 * runs) / runs;
        double high = ChiSquareGate.quantile(0.975, 2 * runs) / runs;
        // a consistent fusion leaves its 95% band at about 1 step in 20 by chance; allow 3 of 30. The
        // step at which the bias appears is one of them: there the test misses the first biased
        // update in about a fifth of the runs (NEES ≈ 2.9)
        int outside = 0;
        for (int step = 0; step < steps; step++) {
            if (trusted[step] < low || trusted[step] > high) {
                outside++;
            }
        }
        assertThat(outside).as("steps whose NEES with trust leaves the band").isLessThanOrEqualTo(3);
        for (int step = onset; step < steps; step++) {
            assertThat(untrusting[step]).as("NEES of the untrusting product at step %d", step).isGreaterThan(high);
        }
    }

    @Test
    void aQuarantinedSourceIsReadmittedAfterReadmitAfterConsistentUpdatesInARow() {
        SplitMix64 random = new SplitMix64(8);
        TrustedGaussianFusion fusion = new TrustedGaussianFusion(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
        for (String id : IDS) {
            fusion.update(id, honest(random), P);
        }
        TrustVerdict wrong = fusion.update("d", new double[]{THETA[0] + 20, THETA[1]}, P);
        assertThat(wrong.state()).isEqualTo(TrustVerdict.State.NEWLY_QUARANTINED);
        assertThat(fusion.quarantined()).containsExactly("d");
        assertThat(fusion.update("d", new double[]{THETA[0], THETA[1]}, P).state()).isEqualTo(TrustVerdict.State.QUARANTINED);
        assertThat(fusion.update("d", new double[]{THETA[0], THETA[1]}, P).state()).isEqualTo(TrustVerdict.State.QUARANTINED);
        assertThat(fusion.update("d", new double[]{THETA[0], THETA[1]}, P).state()).isEqualTo(TrustVerdict.State.READMITTED);
        assertThat(fusion.quarantined()).isEmpty();
        assertThat(fusion.score("d")).isLessThan(1.0);
    }
}
