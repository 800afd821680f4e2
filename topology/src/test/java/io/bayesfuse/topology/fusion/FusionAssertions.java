package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.gaussian.Gaussian;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Avro posteriors in and out of the fusion stage's tests, and tolerant comparisons. */
final class FusionAssertions {

    private FusionAssertions() {
    }

    static PosteriorUpdate gaussian(String quantityId, String sourceId, long version, double[] mean, double[][] covariance) {
        return PosteriorUpdate.newBuilder().setQuantityId(quantityId).setSourceId(sourceId).setVersion(version)
                .setPosterior(new GaussianPosterior(list(mean), new FullCovariance(matrix(covariance)))).build();
    }

    static PosteriorUpdate gaussianAt(String quantityId, String sourceId, long version, long time, double[] mean,
                                      double[][] covariance) {
        PosteriorUpdate u = gaussian(quantityId, sourceId, version, mean, covariance);
        u.setTimestamp(Instant.ofEpochMilli(time));
        return u;
    }

    static PosteriorUpdate fisher(String quantityId, String sourceId, long version, double[] theta, double[] F) {
        return PosteriorUpdate.newBuilder().setQuantityId(quantityId).setSourceId(sourceId).setVersion(version)
                .setPosterior(new FisherPosterior(list(theta), list(F))).build();
    }

    static PosteriorUpdate retraction(String quantityId, String sourceId, long version) {
        return PosteriorUpdate.newBuilder().setQuantityId(quantityId).setSourceId(sourceId).setVersion(version).build();
    }

    static double[] mean(FusedPosterior f) {
        Object p = f.getPosterior();
        return p instanceof GaussianPosterior g ? doubles(g.getMean()) : doubles(((FisherPosterior) p).getMean());
    }

    static double[][] covariance(FusedPosterior f) {
        Matrix m = ((FullCovariance) ((GaussianPosterior) f.getPosterior()).getCovariance()).getMatrix();
        double[][] rows = new double[m.getRows()][m.getCols()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < m.getCols(); j++) {
                rows[i][j] = m.getValues().get(i * m.getCols() + j);
            }
        }
        return rows;
    }

    static double[] fisherDiagonal(FusedPosterior f) {
        return doubles(((FisherPosterior) f.getPosterior()).getFisherDiagonal());
    }

    static double[] mean(FusionResult r) {
        return r instanceof FusionResult.FisherPosterior f ? f.mean() : gaussianOf(r).mean();
    }

    static double[][] covariance(FusionResult r) {
        return gaussianOf(r).covariance();
    }

    static Gaussian gaussianOf(FusionResult r) {
        if (r instanceof FusionResult.GaussianPosterior g) {
            return g.posterior();
        }
        if (r instanceof FusionResult.IntersectionPosterior ci) {
            return ci.posterior();
        }
        throw new AssertionError("expected a Gaussian result, got " + r);
    }

    static void assertClose(double[] actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]: " + actual[i] + " vs " + expected[i])
                    .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(expected[i])));
        }
    }

    static void assertClose(double[][] actual, double[][] expected, double tolerance, String what) {
        assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], tolerance, what + "[" + i + "]");
        }
    }

    static List<Double> list(double[] values) {
        List<Double> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(v);
        }
        return l;
    }

    static Matrix matrix(double[][] rows) {
        List<Double> values = new ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                values.add(v);
            }
        }
        return new Matrix(rows.length, rows[0].length, values);
    }

    static double[] doubles(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
