package io.bayesfuse.kernels.changepoint;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.codec.ChangepointStateCodec;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The run-length recursion against an exact implementation, its pruning, and the detection
 * performance of the default settings on seeded simulated streams. Measured with the settings below
 * (λ = 250, K = 100, ε = 10⁻⁶, W = 20, threshold 0.8, re-arm 0.1; a Normal-Gamma prior
 * μ₀ = 0, κ₀ = 0.1, α₀ = β₀ = 1) on N(0, 1) streams changing after 200 observations:
 * <ul>
 * <li>false alarms on 50 stationary streams of 1000: 8 in 50 000 observations (1.6·10⁻⁴ per observation);</li>
 * <li>a mean shift of 2σ: found in 99 of 100 streams, delay median 5, 95th percentile 9, at most 15 observations;</li>
 * <li>a standard deviation tripling: found in 98 of 100, delay median 4, 95th percentile 14, at most 21.</li>
 * </ul>
 * The delay counts the observations from the first changed one to the detection, both included; a
 * stream counts as found when a detection falls at or after the change.
 */
class ChangepointDetectorTest {

    private static final double LAMBDA = 250;
    private static final ChangeDecision DECISION = ChangeDecision.DEFAULT;

    private static ChangepointDetector detector() {
        return new ChangepointDetector(new NormalGamma(0, 0.1, 1, 1), new ConstantHazard(LAMBDA), RunLengthPruning.DEFAULT, DECISION);
    }

    private static double[] stream(int length, int changeAt, DoubleUnaryOperator after, long seed) {
        Random random = new Random(seed);
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            double e = random.nextGaussian();
            x[t] = t < changeAt ? e : after.applyAsDouble(e);
        }
        return x;
    }

    /** The observation indices (0-based) at which changes were detected. */
    private static List<ChangepointUpdate> detections(ChangepointDetector detector, double[] x) {
        ChangepointState state = detector.start();
        List<ChangepointUpdate> found = new ArrayList<>();
        for (int t = 0; t < x.length; t++) {
            ChangepointUpdate update = detector.observe(state, t, new double[]{x[t]});
            state = update.state();
            if (update.detected()) {
                found.add(update);
            }
        }
        return found;
    }

    /**
     * Exact Adams &amp; MacKay recursion over every run length, each predictive computed from the
     * run's raw observations (Murphy 2007, eq. 86–89, 100).
     *
     * @return P(r_t = r | x_{1:t}) for r = 0..t, after all of x
     */
    private static double[] exactPosterior(double[] x, double mu0, double kappa0, double alpha0, double beta0, double h) {
        double[] p = {1.0};
        for (int t = 0; t < x.length; t++) {
            double[] next = new double[t + 2];
            double evidence = 0;
            for (int r = 0; r <= t; r++) {
                int n = r;
                double mean = 0;
                for (int i = t - n; i < t; i++) {
                    mean += x[i] / n;
                }
                double scatter = 0;
                for (int i = t - n; i < t; i++) {
                    scatter += (x[i] - mean) * (x[i] - mean);
                }
                double kappa = kappa0 + n;
                double mu = n == 0 ? mu0 : (kappa0 * mu0 + n * mean) / kappa;
                double alpha = alpha0 + n / 2.0;
                double beta = beta0 + 0.5 * scatter + (n == 0 ? 0 : kappa0 * n * (mean - mu0) * (mean - mu0) / (2 * kappa));
                double sigma = Math.sqrt(beta * (kappa + 1) / (alpha * kappa));
                double predictive = TDistribution.of(2 * alpha).density((x[t] - mu) / sigma) / sigma;
                next[r + 1] = p[r] * predictive * (1 - h);
                next[0] += p[r] * predictive * h;
                evidence += p[r] * predictive;
            }
            for (int r = 0; r < next.length; r++) {
                next[r] /= evidence;
            }
            p = next;
        }
        return p;
    }

    @Test
    void withoutPruningTheRunLengthPosteriorIsTheExactRecursion() {
        double[] x = stream(40, 20, e -> 3 + 0.5 * e, 11);
        ChangepointDetector detector = new ChangepointDetector(new NormalGamma(0.5, 0.2, 2, 3), new ConstantHazard(10),
                new RunLengthPruning(0, 1000), DECISION);
        ChangepointState state = detector.start();
        for (int t = 0; t < x.length; t++) {
            state = detector.observe(state, 1000 + t, new double[]{x[t]}).state();
        }
        double[] exact = exactPosterior(x, 0.5, 0.2, 2, 3, 0.1);
        assertThat(state.size()).isEqualTo(41);
        for (int i = 0; i < state.size(); i++) {
            assertThat(state.probability(i)).as("P(r = %d)", state.runLengths()[i])
                    .isCloseTo(exact[state.runLengths()[i]], within(1e-12));
        }
        // the run that began with the change at observation 20 (timestamp 1020) is the most probable
        int best = 0;
        for (int i = 0; i < state.size(); i++) {
            best = state.logProbabilities()[i] > state.logProbabilities()[best] ? i : best;
        }
        assertThat(state.runLengths()[best]).isEqualTo(20);
        assertThat(state.runStarts()[best]).isEqualTo(1020);
    }

    @Test
    void underAConstantHazardTheProbabilityOfAChangeJustNowIsAlwaysTheHazard() {
        // why ChangeDecision watches short run lengths rather than r = 0 (pruning raises it by the mass dropped)
        ChangepointDetector detector = new ChangepointDetector(new NormalGamma(0, 0.1, 1, 1), new ConstantHazard(LAMBDA),
                new RunLengthPruning(0, 1000), DECISION);
        ChangepointState state = detector.start();
        for (double x : stream(300, 150, e -> 5 + e, 12)) {
            state = detector.observe(state, 0, new double[]{x}).state();
            assertThat(state.runLengths()[0]).isZero();
            assertThat(state.probability(0)).isCloseTo(1 / LAMBDA, within(1e-12));
        }
    }

    @Test
    void pruningBoundsTheHypothesesAndKeepsTheRunOfTheWholeStream() {
        ChangepointDetector detector = new ChangepointDetector(new NormalGamma(0, 0.1, 1, 1), new ConstantHazard(LAMBDA),
                new RunLengthPruning(1e-6, 30), DECISION);
        ChangepointState state = detector.start();
        for (double x : stream(2000, 2000, e -> e, 13)) {
            state = detector.observe(state, 0, new double[]{x}).state();
            assertThat(state.size()).isLessThanOrEqualTo(30);
        }
        assertThat(state.runLengths()[state.size() - 1]).isEqualTo(2000);
        assertThat(state.probability(state.size() - 1)).isGreaterThan(0.5);
    }

    @Test
    void aStationaryStreamRaisesAboutOneFalseAlarmInSixThousandObservations() {
        ChangepointDetector detector = detector();
        int alarms = 0;
        int observations = 0;
        for (int seed = 0; seed < 50; seed++) {
            double[] x = stream(1000, 1000, e -> e, seed);
            alarms += detections(detector, x).size();
            observations += x.length;
        }
        assertThat(observations).isEqualTo(50_000);
        assertThat(alarms).isEqualTo(8);   // 1.6·10⁻⁴ per observation (seeded)
    }

    /** Delays (observations from the first changed one to the detection, counting both) over 100 streams; −1 when missed. */
    private static List<Integer> delays(DoubleUnaryOperator after) {
        ChangepointDetector detector = detector();
        List<Integer> delays = new ArrayList<>();
        for (int seed = 0; seed < 100; seed++) {
            List<ChangepointUpdate> found = detections(detector, stream(300, 200, after, 1000 + seed));
            int delay = -1;
            for (ChangepointUpdate u : found) {
                long detectedAt = u.state().observations() - 1;
                if (detectedAt >= 200) {
                    delay = (int) (detectedAt - 200 + 1);
                    assertThat(u.changeStart()).as("the reported start of the new regime").isBetween(200L - 20, detectedAt);
                    break;
                }
            }
            delays.add(delay);
        }
        return delays;
    }

    private static int percentile(List<Integer> found, double q) {
        List<Integer> sorted = new ArrayList<>(found);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    @Test
    void aMeanShiftOfTwoStandardDeviationsIsDetectedWithinFiveObservationsTypically() {
        List<Integer> delays = delays(e -> 2 + e);
        List<Integer> found = delays.stream().filter(d -> d > 0).toList();
        assertThat(found).hasSizeGreaterThanOrEqualTo(97);
        assertThat(percentile(found, 0.5)).isLessThanOrEqualTo(5);
        assertThat(percentile(found, 0.95)).isLessThanOrEqualTo(10);
        assertThat(Collections.max(found)).isLessThanOrEqualTo(DECISION.window());
    }

    @Test
    void aTriplingOfTheStandardDeviationIsDetectedWithinFourObservationsTypically() {
        List<Integer> delays = delays(e -> 3 * e);
        List<Integer> found = delays.stream().filter(d -> d > 0).toList();
        assertThat(found).hasSizeGreaterThanOrEqualTo(97);
        assertThat(percentile(found, 0.5)).isLessThanOrEqualTo(4);
        assertThat(percentile(found, 0.95)).isLessThanOrEqualTo(15);
    }

    @Test
    void oneChangeIsReportedOnceAndTheNextAfterTheRuleRearms() {
        // 0 → 4 at 100, back to 0 at 200
        Random random = new Random(15);
        double[] x = new double[300];
        for (int t = 0; t < x.length; t++) {
            x[t] = (t >= 100 && t < 200 ? 4 : 0) + random.nextGaussian();
        }
        List<ChangepointUpdate> found = detections(detector(), x);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).changeStart()).isBetween(98L, 101L);
        assertThat(found.get(1).changeStart()).isBetween(198L, 201L);
    }

    @Test
    void aDetectorContinuedFromAnEncodedStateGivesTheSameNumbersBitForBit() {
        ChangepointDetector detector = detector();
        double[] x = stream(400, 250, e -> 2 + e, 15);
        ChangepointState straight = detector.start();
        ChangepointState stored = detector.start();
        for (int t = 0; t < x.length; t++) {
            ChangepointUpdate a = detector.observe(straight, t, new double[]{x[t]});
            ChangepointUpdate b = detector().observe(ChangepointStateCodec.decode(ChangepointStateCodec.encode(stored)), t, new double[]{x[t]});
            assertThat(b).isEqualTo(a);
            straight = a.state();
            stored = b.state();
        }
    }

    @Test
    void aBadObservationIsRefusedNamingItAndChangesNothing() {
        ChangepointDetector detector = detector();
        ChangepointState state = detector.observe(detector.start(), 0, new double[]{0.5}).state();
        assertThatThrownBy(() -> detector.observe(state, 1, new double[]{Double.NaN}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("changepoint detector: x has a non-finite value (NaN) at index 0");
        assertThatThrownBy(() -> detector.observe(state, 1, new double[]{1, 2}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x has 2 components");
        assertThatThrownBy(() -> new ChangepointDetector(NormalInverseWishart.standardNormal(2, 1, 5), new ConstantHazard(LAMBDA),
                RunLengthPruning.DEFAULT, DECISION).observe(state, 1, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot continue");
        assertThat(detector.observe(state, 1, new double[]{0.5}).state().observations()).isEqualTo(2);
    }
}
