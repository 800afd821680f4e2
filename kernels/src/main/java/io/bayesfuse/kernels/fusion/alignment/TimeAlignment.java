package io.bayesfuse.kernels.fusion.alignment;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.FusionRule;
import io.bayesfuse.kernels.fusion.PosteriorChecks;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.motion.MotionModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * Fusion of posteriors about a moving quantity (a track) that were taken at different times. Each
 * source's posterior is predicted with the motion model to the newest of the sources' times t*,
 * <pre>
 *   x' = F(Δt) x,    P' = F(Δt) P F(Δt)ᵀ + Q(Δt),    Δt = t* − tᵢ,
 * </pre>
 * and only then fused, so that estimates of one target made at different moments are compared at
 * one moment (Bar-Shalom, Willett, Tian 2011, §8.1: track-to-track fusion needs a common time).
 * The sources' own posteriors stay as they were sent; each fusion predicts afresh from them, so a
 * retraction or a newer version never leaves a source predicted twice. The cost is one prediction
 * and one put per source per fusion, which suits tracks (one source per site, small states).
 *
 * <p>Not thread-safe: the motion model's working matrices are reused.
 */
public final class TimeAlignment {

    private final MotionModel model;
    private final int n;
    private final DMatrixRMaj F;
    private final DMatrixRMaj Q;

    public TimeAlignment(MotionModel model) {
        this.model = model;
        this.n = model.stateSize();
        this.F = new DMatrixRMaj(n, n);
        this.Q = new DMatrixRMaj(n, n);
    }

    /** The size of the motion model's state, which every source's posterior must have. */
    public int stateSize() {
        return n;
    }

    /**
     * Checks that a source's posterior is a Gaussian of the motion model's state size.
     *
     * @throws InvalidInputException WRONG_DIMENSION naming the source, or the form's own complaint
     */
    public void requireFits(String sourceId, SourcePosterior posterior) {
        String subject = PosteriorChecks.subject(sourceId);
        if (!(posterior instanceof SourcePosterior.Covariance || posterior instanceof SourcePosterior.DiagonalCovariance
                || posterior instanceof SourcePosterior.Information)) {
            throw new InvalidInputException(Problem.MISSING, subject, "covariance", "is missing: a quantity with a motion "
                    + "model needs a Gaussian posterior (covariance, covarianceDiagonal or precision with informationVector), "
                    + "the source sent a " + posterior.form() + " posterior");
        }
        int d = dimensionOf(posterior);
        if (d != 0 && d != n) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, fieldOf(posterior),
                    "has " + d + " components but the motion model's state has " + n);
        }
        InformationContribution.of(subject, posterior, n, "time alignment");
    }

    /**
     * A source's Gaussian posterior predicted {@code dt} seconds ahead (dt = 0 changes nothing).
     *
     * @throws InvalidInputException when the posterior is not a valid Gaussian of the state's size
     */
    public SourcePosterior.Covariance predict(String sourceId, SourcePosterior posterior, double dt) {
        requireFits(sourceId, posterior);
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        DMatrixRMaj P = new DMatrixRMaj(n, n);
        moments(posterior, x, P);
        model.transition(dt, F);
        model.processNoise(dt, Q);
        // x' = F x
        DMatrixRMaj xPredicted = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(F, x, xPredicted);
        // P' = F P Fᵀ + Q
        DMatrixRMaj FP = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(F, P, FP);
        DMatrixRMaj PPredicted = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(FP, F, PPredicted);
        CommonOps_DDRM.addEquals(PPredicted, Q);
        Matrices.symmetrise(PPredicted);
        return new SourcePosterior.Covariance(Matrices.toArray(xPredicted), Matrices.toRows(PPredicted));
    }

    /**
     * The fusion of {@code fusion}'s sources at the newest of their times (each source's
     * {@link SourceRecord#effectivePosteriorTime()}): each source's posterior predicted to t* and
     * put into {@code emptyRule} in canonical order. When every source is already at t*, the
     * fusion's own result (nothing to predict).
     *
     * @param emptyRule a fresh rule configured like the fusion's
     */
    public Aligned fuse(VersionedFusion fusion, FusionRule emptyRule) {
        List<SourceRecord> sources = new ArrayList<>(fusion.sourceCount());
        fusion.forEachRecord(r -> {
            if (r.counted()) {
                sources.add(r);
            }
        });
        if (sources.isEmpty()) {
            return new Aligned(null, fusion.result());
        }
        long newest = Long.MIN_VALUE;
        boolean aligned = true;
        for (SourceRecord r : sources) {
            long t = r.effectivePosteriorTime();
            if (newest != Long.MIN_VALUE && t != newest) {
                aligned = false;
            }
            newest = Math.max(newest, t);
        }
        if (aligned) {
            return new Aligned(newest, fusion.result());
        }
        VersionedFusion predicted = new VersionedFusion(emptyRule);
        for (SourceRecord r : sources) {
            double dt = (newest - r.effectivePosteriorTime()) / 1000.0;
            predicted.update(r.sourceId(), r.version(), predict(r.sourceId(), fusion.posterior(r.sourceId()), dt));
        }
        return new Aligned(newest, predicted.result());
    }

    /** Mean and covariance of a validated Gaussian posterior in any of its forms. */
    private void moments(SourcePosterior posterior, DMatrixRMaj x, DMatrixRMaj P) {
        if (posterior instanceof SourcePosterior.Covariance c) {
            System.arraycopy(c.mean(), 0, x.data, 0, n);
            P.setTo(Matrices.of(c.covariance()));
        } else if (posterior instanceof SourcePosterior.DiagonalCovariance c) {
            System.arraycopy(c.mean(), 0, x.data, 0, n);
            P.setTo(Matrices.diagonal(c.variances()));
        } else {
            // information form: P = Λ⁻¹, x = P η
            SourcePosterior.Information c = (SourcePosterior.Information) posterior;
            CholeskySolver cholesky = new CholeskySolver();
            cholesky.decompose(Matrices.of(c.precision()));
            cholesky.invert(P);
            CommonOps_DDRM.mult(P, Matrices.column(c.informationVector()), x);
        }
    }

    private static int dimensionOf(SourcePosterior posterior) {
        double[] v = posterior instanceof SourcePosterior.Information c ? c.informationVector()
                : posterior instanceof SourcePosterior.Covariance c ? c.mean()
                : ((SourcePosterior.DiagonalCovariance) posterior).mean();
        return v == null ? 0 : v.length;
    }

    private static String fieldOf(SourcePosterior posterior) {
        return posterior instanceof SourcePosterior.Information ? "informationVector" : "mean";
    }

    /**
     * A fused result and the time it refers to.
     *
     * @param timeMillis the newest of the sources' times, null when no source contributes
     * @param result     the fusion at that time
     */
    public record Aligned(Long timeMillis, FusionResult result) {
    }
}
