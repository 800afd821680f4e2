package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.learning.CovarianceForm;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.lowrank.LowRankPrecision;
import io.bayesfuse.schemas.chunks.PosteriorChunks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's posterior as this site's source of the model's quantity, versioned by its batch count:
 * one {@link PosteriorUpdate} on posterior-updates while it fits in a record — the information form
 * (Λ, η) of a dense posterior, the means and variances of a diagonal or low-rank one — and otherwise
 * the same numbers cut into {@link PosteriorChunk}s on posterior-chunks (a dense posterior flattened
 * as Λ's upper triangle row by row then η, which is how the learner stores it). For the
 * Normal-Inverse-Gamma model Λ and η are those of the weights at the reference noise σ²_ref: the
 * Gaussian factor whose product over sites, prior divided out, is the posterior of all their data.
 *
 * <p>A low-rank posterior N(Λ⁻¹η, Λ⁻¹) with Λ = diag(δ) + VVᵀ goes out as its exact mean μ = Λ⁻¹η
 * and its exact marginal variances diag(Λ⁻¹) (by Woodbury, O(D·r²)), as a diagonal Gaussian: 2D
 * values rather than the D² of Λ, which is what the form is for. The fusion stage fuses it like a
 * diagonal learner's, weight by weight; the correlations the factor V holds stay in the site's
 * learner (its predictions use them) and are not shared. Since Λ ⪰ diag(δ) ⪰ the prior's precision,
 * every published marginal precision is at least the prior's, so dividing the prior out is defined.
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
        GaussianPosterior posterior;
        if (p.form() == CovarianceForm.DENSE) {
            posterior = new GaussianPosterior(null, new InformationForm(new Matrix(D, D, unpack(p.precision(), D)),
                    list(p.information())));
        } else {
            Moments moments = moments(p);
            posterior = new GaussianPosterior(list(moments.mean()), new DiagonalCovariance(list(moments.variance())));
        }
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
        Moments moments = moments(p);
        return PosteriorChunks.diagonal(modelId, site, p.version(), timestamp(p), moments.mean(), moments.variance(),
                PosteriorChunks.DEFAULT_CHUNK_VALUES);
    }

    private static Instant timestamp(WeightPosterior p) {
        return p.time() == WeightPosterior.NO_TIME ? null : Instant.ofEpochMilli(p.time());
    }

    /** The per-weight mean and variance a diagonal or low-rank posterior is published as. */
    record Moments(double[] mean, double[] variance) {
    }

    static Moments moments(WeightPosterior p) {
        int D = p.dimension();
        return switch (p.form()) {
            case DIAGONAL -> {
                double[] mean = new double[D];
                double[] variance = new double[D];
                for (int j = 0; j < D; j++) {
                    mean[j] = p.information()[j] / p.precision()[j];
                    variance[j] = 1 / p.precision()[j];
                }
                yield new Moments(mean, variance);
            }
            case LOW_RANK -> {
                // the stored precision is δ (D values) then V (D×r, row-major)
                double[] delta = java.util.Arrays.copyOfRange(p.precision(), 0, D);
                double[] V = java.util.Arrays.copyOfRange(p.precision(), D, p.precision().length);
                LowRankPrecision lambda = new LowRankPrecision(delta, V, D, p.rank());
                yield new Moments(lambda.solve(p.information()), lambda.marginalVariances(D));
            }
            case DENSE -> throw new IllegalArgumentException("a dense posterior is published in information form");
        };
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
