package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.gating.ChiSquareGate;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.random.SplitMix64;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance for source trust, on the path the fusion stage and {@code fuse} take
 * ({@link VersionedFusion} over the {@link ProductRule}, the leave-one-out statistic from the running
 * sums). Four sources estimate the same static θ ∈ ℝ² and send a fresh posterior every step,
 * xᵢ = θ + eᵢ with eᵢ ~ N(0, I) and Pᵢ = I; the product's prior is so weak (variance 10¹²) that the
 * fused posterior is the mean of the contributing sources, N(x̄, I/K). From {@value #ONSET} on, source
 * d's errors carry a 5σ bias along (1, 1)/√2. Trust: probability 0.999, quarantine, readmitAfter 3.
 *
 * <p>Why the step at which the bias appears is not held to the band: there d's first biased update
 * is tested against the mean of the other three, r = x_d − x̄₋d ~ N(b, (1 + 1/3) I), so its
 * statistic is a noncentral χ²₂ with λ = 25/(4/3) = 18.75, which exceeds the gate χ²₂⁻¹(0.999) = 13.82
 * only with probability ≈ 0.77 ({@link #aFiveSigmaBiasIsCaughtOnItsFirstUpdateAsOftenAsTheGatesPowerSays}).
 * {@link TrustGate} decides on each update alone (no prediction from the source's past), so in
 * about a quarter of the runs d still counts at that step and the average NEES there is ≈ 3.4, above
 * the band. No gate that keeps the false-quarantine rate near 0.1% can catch a 5σ bias on its first
 * update with these four sources; the test holds the other steps to the band.
 */
class TrustAcceptanceTest {

    static final String[] IDS = {"a", "b", "c", "d"};
    static final double[][] I = {{1, 0}, {0, 1}};
    static final double[] THETA = {3.0, -1.0};
    /** A 5σ bias along (1, 1)/√2. */
    static final double[] BIAS = {5 / Math.sqrt(2), 5 / Math.sqrt(2)};
    static final int ONSET = 10;
    static final TrustSettings SETTINGS = new TrustSettings(0.999, TrustAction.QUARANTINE, 3);

    static VersionedFusion product(TrustSettings settings) {
        return new VersionedFusion(new ProductRule(InformationContribution.fromCovariance("prior", new double[2],
                new double[][]{{1e12, 0}, {0, 1e12}}, 0))).trust(settings);
    }

    static double[] honest(SplitMix64 random) {
        return new double[]{THETA[0] + random.nextGaussian(), THETA[1] + random.nextGaussian()};
    }

    static double[] biased(SplitMix64 random) {
        double[] x = honest(random);
        x[0] += BIAS[0];
        x[1] += BIAS[1];
        return x;
    }

    static double nees(VersionedFusion fusion) {
        Gaussian g = ((FusionResult.GaussianPosterior) fusion.result()).posterior();
        double[] e = {g.mean(0) - THETA[0], g.mean(1) - THETA[1]};
        double a = g.covariance(0, 0);
        double b = g.covariance(0, 1);
        double c = g.covariance(1, 1);
        return (c * e[0] * e[0] - 2 * b * e[0] * e[1] + a * e[1] * e[1]) / (a * c - b * b);
    }

    /** The average NEES over {@code runs} Monte Carlo runs at each of {@code steps} steps, with trust [0] and without [1]. */
    static double[][] averageNees(int runs, int steps) {
        double[][] average = new double[2][steps];
        for (long run = 0; run < runs; run++) {
            SplitMix64 random = new SplitMix64(SplitMix64.mix(7000 + run));
            VersionedFusion trusting = product(SETTINGS);
            VersionedFusion untrusting = product(null);
            for (int step = 0; step < steps; step++) {
                for (String id : IDS) {
                    double[] x = id.equals("d") && step >= ONSET ? biased(random) : honest(random);
                    SourcePosterior posterior = new SourcePosterior.Covariance(x, I);
                    trusting.update(id, step + 1, posterior);
                    untrusting.update(id, step + 1, posterior);
                }
                average[0][step] += nees(trusting) / runs;
                average[1][step] += nees(untrusting) / runs;
            }
        }
        return average;
    }

    /**
     * Tested steps: 0–9 (all honest) and 11–29 (d biased, after its first biased update); step 10,
     * the first biased update, is the subject of the next test. The average of 200 NEES values of a
     * consistent 2-D fusion is χ²₄₀₀/200, whose central 95% is [1.733, 2.289]; with 29 steps
     * independent of one another a consistent fusion leaves it at about 1.5 of them by chance, so
     * at most 3 may lie outside the band, and none outside the 99.9% band of every step
     * ([1.588, 2.476]). The untrusting product's average NEES must lie above the 95% band at every step
     * from 10 on (it is ≈ 8.25 = 2 + |b/4|²·4).
     */
    @Test
    void overTwoHundredRunsTheFusedNeesWithTrustStaysInItsBandWhileTheUntrustingProductsLeavesIt() {
        int runs = 200;
        int steps = 30;
        double[][] nees = averageNees(runs, steps);
        double low = ChiSquareGate.quantile(0.025, 2 * runs) / runs;
        double high = ChiSquareGate.quantile(0.975, 2 * runs) / runs;
        double lowest = ChiSquareGate.quantile(0.0005, 2 * runs) / runs;
        double highest = ChiSquareGate.quantile(0.9995, 2 * runs) / runs;
        int outside = 0;
        for (int step = 0; step < steps; step++) {
            if (step == ONSET) {
                continue;
            }
            assertThat(nees[0][step]).as("average NEES with trust at step %d", step).isBetween(lowest, highest);
            outside += nees[0][step] < low || nees[0][step] > high ? 1 : 0;
        }
        assertThat(outside).as("tested steps whose average NEES with trust leaves the 95%% band [%.3f, %.3f]", low, high)
                .isLessThanOrEqualTo(3);
        for (int step = ONSET; step < steps; step++) {
            assertThat(nees[1][step]).as("average NEES of the untrusting product at step %d", step).isGreaterThan(high);
        }
    }

    /**
     * At the onset the biased update's statistic is noncentral χ²₂(λ = 18.75); the fraction of 2,000
     * runs in which it is quarantined on that very update must agree with P(χ²₂(λ) > χ²₂⁻¹(0.999))
     * within 4 binomial standard deviations.
     */
    @Test
    void aFiveSigmaBiasIsCaughtOnItsFirstUpdateAsOftenAsTheGatesPowerSays() {
        int runs = 2000;
        int caught = 0;
        for (long run = 0; run < runs; run++) {
            SplitMix64 random = new SplitMix64(SplitMix64.mix(9000 + run));
            VersionedFusion fusion = product(SETTINGS);
            for (String id : IDS) {
                fusion.update(id, 1, new SourcePosterior.Covariance(honest(random), I));
            }
            for (String id : IDS) {
                fusion.update(id, 2, new SourcePosterior.Covariance(id.equals("d") ? biased(random) : honest(random), I));
            }
            caught += fusion.quarantinedSources().containsKey("d") ? 1 : 0;
        }
        double lambda = (BIAS[0] * BIAS[0] + BIAS[1] * BIAS[1]) / (1 + 1.0 / 3);
        double power = 1 - noncentralChiSquareCdf(ChiSquareGate.quantile(0.999, 2), 2, lambda);
        assertThat(power).as("the gate's power on the first biased update").isBetween(0.7, 0.85);
        double sd = Math.sqrt(runs * power * (1 - power));
        assertThat((double) caught).as("runs caught on the first biased update of %d", runs)
                .isBetween(runs * power - 4 * sd, runs * power + 4 * sd);
    }

    @Test
    void aSourceThatDevelopsAFiveSigmaBiasIsQuarantinedWithinFiveOfItsUpdatesInEveryOfTwoHundredRuns() {
        int[] caughtAt = new int[6];
        for (long run = 0; run < 200; run++) {
            SplitMix64 random = new SplitMix64(SplitMix64.mix(11_000 + run));
            VersionedFusion fusion = product(SETTINGS);
            for (int step = 0; step < ONSET; step++) {
                for (String id : IDS) {
                    fusion.update(id, step + 1, new SourcePosterior.Covariance(honest(random), I));
                }
            }
            int biasedUpdates = 0;
            while (!fusion.quarantinedSources().containsKey("d") && biasedUpdates < 50) {
                biasedUpdates++;
                for (String id : IDS) {
                    double[] x = id.equals("d") ? biased(random) : honest(random);
                    fusion.update(id, ONSET + biasedUpdates, new SourcePosterior.Covariance(x, I));
                }
            }
            assertThat(biasedUpdates).as("run %d: biased updates until d is quarantined", run).isBetween(1, 5);
            caughtAt[biasedUpdates]++;
        }
        assertThat(caughtAt[1]).as("caught on the first biased update").isGreaterThan(120);
    }

    /**
     * 10,000 updates of honest source a among three other honest ones: at probability 0.999 each
     * test fails with probability 0.001, about 10 wrong quarantines; at most 20 (0.2%) are allowed.
     * Quarantined, it is readmitted after 3 consistent updates, so it is tested again.
     */
    @Test
    void anHonestSourceAtProbability0999IsWronglyQuarantinedInAtMostTwoTenthsOfAPercentOfTenThousandUpdates() {
        SplitMix64 random = new SplitMix64(2026);
        VersionedFusion fusion = product(SETTINGS);
        int quarantines = 0;
        for (int step = 1; step <= 10_000; step++) {
            for (String id : IDS) {
                fusion.update(id, step, new SourcePosterior.Covariance(honest(random), I));
                if (id.equals("a") && fusion.lastTrustVerdict().state() == TrustVerdict.State.NEWLY_QUARANTINED) {
                    quarantines++;
                }
            }
        }
        assertThat(quarantines).as("wrong quarantines of a in 10,000 updates").isBetween(1, 20);
    }

    /** P(X ≤ t) for X noncentral χ² with k degrees of freedom and noncentrality λ: a Poisson(λ/2) mixture of χ²_{k+2j}. */
    static double noncentralChiSquareCdf(double t, int k, double lambda) {
        PoissonDistribution poisson = PoissonDistribution.of(lambda / 2);
        double sum = 0;
        for (int j = 0; j < 200; j++) {
            sum += poisson.probability(j) * ChiSquaredDistribution.of(k + 2 * j).cumulativeProbability(t);
        }
        return sum;
    }
}
