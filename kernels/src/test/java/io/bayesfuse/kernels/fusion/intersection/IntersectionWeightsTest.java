package io.bayesfuse.kernels.fusion.intersection;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntersectionWeightsTest {

    private static DMatrixRMaj diagonalPrecision(double... variances) {
        DMatrixRMaj m = new DMatrixRMaj(variances.length, variances.length);
        for (int i = 0; i < variances.length; i++) {
            m.set(i, i, 1 / variances[i]);
        }
        return m;
    }

    /**
     * Asserts the KKT conditions of min f over the simplex at ω: gᵢ = ν where ωᵢ &gt; 0, gᵢ ≥ ν where
     * ωᵢ = 0, and bounds the distance to the optimum by the residual over the curvature on the face.
     */
    static void assertOptimal(IntersectionObjective f, IntersectionWeights w, double tolerance) {
        double[] omega = w.omega();
        int K = omega.length;
        double sum = 0;
        for (double o : omega) {
            assertThat(o).isGreaterThanOrEqualTo(0.0);
            sum += o;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-14));
        double[] g = new double[K];
        double[] H = new double[K * K];
        f.evaluate(omega, g, H);
        double scale = 0;
        for (double gi : g) {
            scale = Math.max(scale, Math.abs(gi));
        }
        double nu = 0;
        double support = 0;
        for (int i = 0; i < K; i++) {
            if (omega[i] > 0) {
                nu += omega[i] * g[i];
                support += omega[i];
            }
        }
        nu /= support;
        for (int i = 0; i < K; i++) {
            if (omega[i] > 0) {
                assertThat(Math.abs(g[i] - nu)).as("stationarity of ω[%d] = %s", i, omega[i])
                        .isLessThanOrEqualTo(tolerance * scale);
            } else {
                assertThat(g[i] - nu).as("ω[%d] = 0 must not pay to increase", i).isGreaterThanOrEqualTo(-tolerance * scale);
            }
        }
        assertThat(w.converged()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void mirrorImageSourcesShareTheWeightEqually(IntersectionCriterion criterion) {
        IntersectionObjective f = new IntersectionObjective(criterion,
                List.of(diagonalPrecision(1, 4), diagonalPrecision(4, 1)));
        assertThat(IntersectionWeights.optimal(f).omega()[0]).isCloseTo(0.5, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void aSourceThatIsBetterInEveryDirectionTakesAllTheWeight(IntersectionCriterion criterion) {
        IntersectionObjective f = new IntersectionObjective(criterion,
                List.of(diagonalPrecision(5, 5), diagonalPrecision(1, 2)));
        assertThat(IntersectionWeights.optimal(f).omega()).containsExactly(0.0, 1.0);
        IntersectionObjective three = new IntersectionObjective(criterion,
                List.of(diagonalPrecision(5, 5), diagonalPrecision(1, 2), diagonalPrecision(3, 9)));
        IntersectionWeights w = IntersectionWeights.optimal(three);
        assertThat(w.omega()[1]).isCloseTo(1.0, within(1e-12));
        assertOptimal(three, w, 1e-12);
    }

    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void twoSourceWeightsSatisfyTheOptimalityConditionsToMachinePrecision(IntersectionCriterion criterion) {
        Random random = new Random(11 + criterion.ordinal());
        for (int trial = 0; trial < 300; trial++) {
            int d = 1 + random.nextInt(6);
            IntersectionObjective f = new IntersectionObjective(criterion,
                    IntersectionObjectiveTest.randomPrecisions(random, 2, d));
            IntersectionWeights w = IntersectionWeights.optimal(f);
            assertOptimal(f, w, 1e-11);
            // at an interior optimum |t − t*| ≈ |φ'(t)| / φ''(t): far below 1e-9
            double[] g = new double[2];
            double[] H = new double[4];
            f.evaluate(w.omega(), g, H);
            if (w.omega()[0] > 0 && w.omega()[0] < 1) {
                double distance = Math.abs(g[0] - g[1]) / (H[0] - 2 * H[1] + H[3]);
                assertThat(distance).as("trial %d distance to optimum", trial).isLessThan(1e-12);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IntersectionCriterion.class)
    void manySourceWeightsSatisfyTheOptimalityConditionsAndBeatEveryOtherPoint(IntersectionCriterion criterion) {
        Random random = new Random(23 + criterion.ordinal());
        int boundaryOptima = 0;
        for (int trial = 0; trial < 200; trial++) {
            int K = 3 + random.nextInt(4);
            int d = 1 + random.nextInt(5);
            List<DMatrixRMaj> precisions = IntersectionObjectiveTest.randomPrecisions(random, K, d);
            if (trial % 3 == 0) {   // a useless source, so that some optima lie on the boundary
                precisions.set(K - 1, diagonalPrecisionOfSize(d, 1e3));
            }
            IntersectionObjective f = new IntersectionObjective(criterion, precisions);
            IntersectionWeights w = IntersectionWeights.optimal(f);
            assertOptimal(f, w, 1e-10);
            double best = f.value(w.omega());
            for (int sample = 0; sample < 200; sample++) {
                double[] other = new double[K];
                double sum = 0;
                for (int i = 0; i < K; i++) {
                    other[i] = -Math.log(random.nextDouble());   // uniform on the simplex
                    sum += other[i];
                }
                for (int i = 0; i < K; i++) {
                    other[i] /= sum;
                }
                assertThat(f.value(other)).isGreaterThanOrEqualTo(best - 1e-12 * Math.abs(best));
            }
            for (double o : w.omega()) {
                if (o == 0) {
                    boundaryOptima++;
                    break;
                }
            }
        }
        assertThat(boundaryOptima).as("cases with a zero weight").isGreaterThan(20);
    }

    private static DMatrixRMaj diagonalPrecisionOfSize(int d, double variance) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, variance);
        return diagonalPrecision(v);
    }

    @Test
    void identicalSourcesAreAFlatProblemThatStillConverges() {
        DMatrixRMaj Lambda = diagonalPrecision(2, 3);
        IntersectionObjective f = new IntersectionObjective(IntersectionCriterion.TRACE, List.of(Lambda, Lambda.copy(), Lambda.copy()));
        IntersectionWeights w = IntersectionWeights.optimal(f);
        assertThat(w.converged()).isTrue();
        assertThat(w.objective()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void fastWeightsAreInverselyProportionalToTheCovarianceTraces() {
        IntersectionWeights w = IntersectionWeights.fast(new double[]{1.0, 3.0});
        assertThat(w.omega()[0]).isCloseTo(0.75, within(1e-15));
        assertThat(w.omega()[1]).isCloseTo(0.25, within(1e-15));
    }
}
