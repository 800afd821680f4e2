package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The product of independent Gaussian source posteriors with source trust: every update of a source
 * is tested against the fusion of the other trusted sources (leave-one-out),
 * <pre>
 *   χ² = (xᵢ − x₋ᵢ)ᵀ (Pᵢ + P₋ᵢ)⁻¹ (xᵢ − x₋ᵢ),   d degrees of freedom,
 * </pre>
 * which for consistent sources of the same quantity follows χ²_d, and fails when it exceeds
 * χ²_d⁻¹(probability). A failing source is, by {@link TrustSettings#action()}: only reported;
 * down-weighted (its information scaled by threshold/χ²);
 * or quarantined — excluded from the fused posterior until {@code readmitAfter} of its updates in a
 * row have passed the same test. Each source also carries a trust score, the exponentially weighted
 * fraction of its consistent updates (weight {@value TrustGate#SCORE_WEIGHT} for the newest). The
 * rules are {@link TrustGate}'s; the fusion stage applies the same ones from its running sums.
 *
 * <p>The fused posterior is Λ = Σ Λᵢ, η = Σ ηᵢ over the sources that contribute (the sources are
 * assumed independent; no prior is divided out). Sources are kept by id in canonical order, so the
 * result does not depend on arrival order. O(K·d³) per update. Not thread-safe.
 */
public final class TrustedGaussianFusion {

    static final double SCORE_WEIGHT = TrustGate.SCORE_WEIGHT;

    private final TrustGate gate;
    private final TreeMap<String, Source> sources = new TreeMap<>();
    private int d;

    private static final class Source {
        DMatrixRMaj precision;      // Λᵢ (down-weighted when the action says so)
        DMatrixRMaj information;    // ηᵢ
        SourceTrust trust = SourceTrust.NEW;
    }

    public TrustedGaussianFusion(TrustSettings settings) {
        this.gate = new TrustGate(settings);
    }

    /**
     * Offers a source's newest posterior.
     *
     * @throws IllegalArgumentException when its dimension differs from the other sources' or its
     *                                  covariance is not positive definite (naming the source)
     */
    public TrustVerdict update(String sourceId, double[] mean, double[][] covariance) {
        Gaussian g = Gaussian.of("source '" + sourceId + "'", mean, covariance);
        if (d != 0 && g.dimension() != d && !(sources.size() == 1 && sources.containsKey(sourceId))) {
            throw new IllegalArgumentException("source '" + sourceId + "': dimension " + g.dimension() + ", the other sources have " + d);
        }
        d = g.dimension();
        DMatrixRMaj P = g.covarianceMatrix();
        DMatrixRMaj x = g.meanVector();
        double statistic = statisticAgainstOthers(sourceId, x, P);
        Source s = sources.computeIfAbsent(sourceId, id -> new Source());
        TrustVerdict verdict = gate.judge(s.trust, statistic, d);
        s.trust = verdict.trust();
        DMatrixRMaj Lambda = inverse(P);
        CommonOps_DDRM.scale(gate.weight(verdict), Lambda);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(Lambda, x, eta);
        s.precision = Lambda;
        s.information = eta;
        return verdict;
    }

    /** Removes a source (its trust history with it). */
    public void remove(String sourceId) {
        sources.remove(sourceId);
    }

    /** The sources currently quarantined, sorted by id. */
    public SortedSet<String> quarantined() {
        TreeSet<String> out = new TreeSet<>();
        sources.forEach((id, s) -> {
            if (s.trust.quarantined()) {
                out.add(id);
            }
        });
        return Collections.unmodifiableSortedSet(out);
    }

    /** A source's trust score, or NaN for an unknown source. */
    public double score(String sourceId) {
        Source s = sources.get(sourceId);
        return s == null ? Double.NaN : s.trust.score();
    }

    /** The product of the contributing (not quarantined) sources, or null when none contributes. */
    public Gaussian fused() {
        return fusedExcept(null);
    }

    private Gaussian fusedExcept(String excluded) {
        DMatrixRMaj Lambda = new DMatrixRMaj(d, d);
        DMatrixRMaj eta = new DMatrixRMaj(d, 1);
        int[] count = new int[1];
        sources.forEach((id, s) -> {
            if (!id.equals(excluded) && !s.trust.quarantined()) {
                CommonOps_DDRM.addEquals(Lambda, s.precision);
                CommonOps_DDRM.addEquals(eta, s.information);
                count[0]++;
            }
        });
        if (count[0] == 0) {
            return null;
        }
        DMatrixRMaj P = inverse(Lambda);
        DMatrixRMaj x = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(P, eta, x);
        return Gaussian.trusted(x, P);
    }

    /** The leave-one-out χ² of a posterior against the fusion of the other contributing sources; NaN when there are none. */
    private double statisticAgainstOthers(String sourceId, DMatrixRMaj x, DMatrixRMaj P) {
        if (d == 0 || d != x.numRows) {
            return Double.NaN;
        }
        Gaussian others = fusedExcept(sourceId);
        if (others == null) {
            return Double.NaN;
        }
        DMatrixRMaj S = new DMatrixRMaj(d, d);
        CommonOps_DDRM.add(P, others.covarianceMatrix(), S);
        DMatrixRMaj r = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.subtract(x, others.meanVector(), r);
        DMatrixRMaj Sinv = inverse(S);
        DMatrixRMaj Sr = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(Sinv, r, Sr);
        return CommonOps_DDRM.dot(r, Sr);
    }

    private static DMatrixRMaj inverse(DMatrixRMaj A) {
        int n = A.numRows;
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(A.copy())) {
            throw new IllegalArgumentException("a " + n + "x" + n + " covariance or precision is not positive definite");
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        cholesky.invert(inv);
        return inv;
    }
}
