package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.learning.CovarianceForm;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.schemas.chunks.PosteriorChunks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's posterior as this site's source of the model's quantity, versioned by its batch count:
 * one {@link PosteriorUpdate} on posterior-updates while it fits in a record — the information form
 * (Λ, η) of a dense posterior, the means and variances of a diagonal one — and otherwise the same
 * numbers cut into {@link PosteriorChunk}s on posterior-chunks (a dense posterior flattened as Λ's
 * upper triangle row by row then η, which is how the learner stores it). For the
 * Normal-Inverse-Gamma model Λ and η are those of the weights at the reference noise σ²_ref: the
 * Gaussian factor whose product over sites, prior divided out, is the posterior of all their data.
 */
final class LearnerPublications {

    /** Values above which a posterior goes out in chunks (D = 179 is the largest dense posterior in one record: 16,289 values). */
    static final int MAX_RECORD_VALUES = PosteriorChunks.DEFAULT_CHUNK_VALUES;

    private LearnerPublications() {
    }

    /** Whether a posterior of this form and dimension goes out as chunks. */
    static boolean chunked(CovarianceForm form, int D) {
        long values = form == CovarianceForm.DENSE ? (long) D * (D + 1) / 2 + D : 2L * D;
        return values > MAX_RECORD_VALUES;
    }

    static PosteriorUpdate update(String modelId, String site, WeightPosterior p) {
        int D = p.dimension();
        GaussianPosterior posterior = p.form() == CovarianceForm.DENSE
                ? new GaussianPosterior(null, new InformationForm(new Matrix(D, D, unpack(p.precision(), D)), list(p.information())))
                : new GaussianPosterior(list(diagonalMean(p)), new DiagonalCovariance(list(diagonalVariance(p))));
        return PosteriorUpdate.newBuilder().setQuantityId(modelId).setSourceId(site).setVersion(p.version())
                .setTimestamp(timestamp(p)).setPosterior(posterior).build();
    }

    static PosteriorChunks chunks(String modelId, String site, WeightPosterior p) {
        int D = p.dimension();
        if (p.form() == CovarianceForm.DENSE) {
            double[] flat = new double[p.precision().length + D];
            System.arraycopy(p.precision(), 0, flat, 0, p.precision().length);
            System.arraycopy(p.information(), 0, flat, p.precision().length, D);
            return PosteriorChunks.information(modelId, site, p.version(), timestamp(p), D, flat, PosteriorChunks.DEFAULT_CHUNK_VALUES);
        }
        return PosteriorChunks.diagonal(modelId, site, p.version(), timestamp(p), diagonalMean(p), diagonalVariance(p),
                PosteriorChunks.DEFAULT_CHUNK_VALUES);
    }

    private static Instant timestamp(WeightPosterior p) {
        return p.time() == WeightPosterior.NO_TIME ? null : Instant.ofEpochMilli(p.time());
    }

    private static double[] diagonalMean(WeightPosterior p) {
        double[] mean = new double[p.dimension()];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = p.information()[j] / p.precision()[j];
        }
        return mean;
    }

    private static double[] diagonalVariance(WeightPosterior p) {
        double[] variance = new double[p.dimension()];
        for (int j = 0; j < variance.length; j++) {
            variance[j] = 1 / p.precision()[j];
        }
        return variance;
    }

    /** The full row-major D×D matrix of a packed upper triangle. */
    private static List<Double> unpack(double[] packed, int D) {
        double[] full = new double[D * D];
        for (int i = 0, k = 0; i < D; i++) {
            for (int j = i; j < D; j++, k++) {
                full[i * D + j] = packed[k];
                full[j * D + i] = packed[k];
            }
        }
        return list(full);
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
