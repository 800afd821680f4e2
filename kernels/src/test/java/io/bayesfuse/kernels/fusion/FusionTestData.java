package io.bayesfuse.kernels.fusion;

import io.bayesfuse.kernels.gaussian.Gaussian;
import org.assertj.core.api.Assertions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Random;

/** Seeded random posteriors and tolerant comparisons for the fusion tests. */
public final class FusionTestData {

    private FusionTestData() {
    }

    /** A random symmetric positive definite d×d matrix A·Aᵀ/d + floor·I, scaled. */
    public static double[][] randomSpd(Random random, int d, double scale, double floor) {
        DMatrixRMaj A = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            A.data[i] = random.nextGaussian();
        }
        DMatrixRMaj S = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(A, A, S);
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = scale * (S.get(i, j) / d + (i == j ? floor : 0.0));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                rows[i][j] = rows[j][i];
            }
        }
        return rows;
    }

    public static double[] randomVector(Random random, int d, double scale) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = scale * random.nextGaussian();
        }
        return v;
    }

    public static SourcePosterior.Covariance covariance(Gaussian g) {
        return new SourcePosterior.Covariance(g.mean(), g.covariance());
    }

    /** The Gaussian of a result that must be Gaussian (product, intersection, mixture moments, samples). */
    public static Gaussian gaussianOf(FusionResult result) {
        if (result instanceof FusionResult.GaussianPosterior g) {
            return g.posterior();
        }
        if (result instanceof FusionResult.IntersectionPosterior g) {
            return g.posterior();
        }
        if (result instanceof FusionResult.MixturePosterior m) {
            return m.moments();
        }
        if (result instanceof FusionResult.SamplePosterior s) {
            return s.moments();
        }
        throw new AssertionError("expected a Gaussian result, got " + result);
    }

    /** |actual − expected| ≤ tolerance · max(1, |expected|) for every entry. */
    public static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        Assertions.assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double allowed = tolerance * Math.max(1.0, Math.abs(expected[i]));
            if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                Assertions.fail(what + "[" + i + "] is " + actual[i] + ", expected " + expected[i] + " within " + allowed);
            }
        }
    }

    public static void assertClose(double[][] actual, double[][] expected, double tolerance, String what) {
        Assertions.assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], tolerance, what + "[" + i + "]");
        }
    }

    public static void assertClose(Gaussian actual, Gaussian expected, double tolerance, String what) {
        assertClose(actual.mean(), expected.mean(), tolerance, what + " mean");
        assertClose(actual.covariance(), expected.covariance(), tolerance, what + " covariance");
    }
}
