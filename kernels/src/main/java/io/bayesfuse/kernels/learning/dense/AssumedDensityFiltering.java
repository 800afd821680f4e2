package io.bayesfuse.kernels.learning.dense;

import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.Outputs;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.kernels.learning.algebra.DensePrecision;
import io.bayesfuse.kernels.learning.likelihood.OutputLikelihood;
import io.bayesfuse.kernels.learning.likelihood.SmallSymmetric;
import io.bayesfuse.kernels.learning.likelihood.TiltedMoments;

import java.util.List;

import static io.bayesfuse.kernels.learning.dense.SmallMatrices.inverseGeneral;
import static io.bayesfuse.kernels.learning.dense.SmallMatrices.minus;
import static io.bayesfuse.kernels.learning.dense.SmallMatrices.multiply;
import static io.bayesfuse.kernels.learning.dense.SmallMatrices.plusIdentity;

/**
 * Assumed-density filtering of a dense posterior through a batch (Opper 1998; Minka 2001 §3): example
 * by example, p(w)·p(yᵢ | Φᵢw)^wᵢ is replaced by the Gaussian with its moments. Only the outputs
 * a = Φᵢw are non-Gaussian, so their tilted moments fix a {@link Site}, and with U = PΦᵢᵀ, m = Φᵢμ,
 * V = ΦᵢPΦᵢᵀ: μ ← μ + U(I + TV)⁻¹(ν − Tm), P ← P − U·T(I + VT)⁻¹·Uᵀ. The sites are then added to Λ
 * and η as one block of design rows.
 */
final class AssumedDensityFiltering {

    private final ModelSpec spec;
    private final OutputLikelihood likelihood;
    private final int D;
    private final int K;
    private final int d;

    AssumedDensityFiltering(ModelSpec spec, OutputLikelihood likelihood) {
        this.spec = spec;
        this.likelihood = likelihood;
        this.D = spec.parameters();
        this.K = spec.outputs();
        this.d = spec.inputs();
    }

    /**
     * Updates Λ (in {@code lambda}, the advanced posterior's) and the posterior's η by the batch.
     *
     * @param mean the advanced posterior's mean
     * @param Z    a zeroed buffer of K rows of D per example, for the sites' design rows
     */
    void update(DensePrecision lambda, WeightPosterior posterior, List<LabelledExample> batch, long t, double[] mean,
                double[] Z) {
        int n = batch.size();
        double[] priorPacked = posterior.precision();
        lambda.getPacked(priorPacked);
        if (!lambda.invert()) {
            throw new LearningFailedException("the posterior before the batch cannot be inverted (" + spec + ")");
        }
        double[] P = new double[D * D];
        double[] packedP = new double[priorPacked.length];
        lambda.getPacked(packedP);
        unpack(packedP, P);
        double[] mu = mean.clone();
        double[] eta = posterior.information();
        double[] U = new double[K * D];
        double[] m = new double[K];
        double[] V = new double[K * K];
        for (int i = 0; i < n; i++) {
            LabelledExample e = batch.get(i);
            FeatureVector x = spec.inputOf(e.x());
            double weight = OnlineLearner.retained(t - e.time(), spec.halfLifeMillis()) * e.weight();
            // U = PΦᵀ (column k: P times x in block k), m = Φμ, V = ΦPΦᵀ
            for (int k = 0; k < K; k++) {
                for (int r = 0; r < D; r++) {
                    U[k * D + r] = x.dot(P, r * D + k * d);
                }
            }
            Outputs.project(x, K, d, mu, m);
            for (int k = 0; k < K; k++) {
                for (int l = 0; l < K; l++) {
                    V[k * K + l] = x.dot(U, l * D + k * d);
                }
            }
            SmallMatrices.symmetrise(V, K);
            Site site = Site.of(m, V, TiltedMoments.of(likelihood, m, V, e.target(), weight), K);
            update(site, U, V, m, mu, P);
            // the site as K design rows and an information increment
            for (int k = 0; k < K; k++) {
                x.scatter(eta, k * d, site.nu()[k]);
                for (int c = 0; c < K; c++) {
                    double r = site.root()[k * K + c];
                    if (r != 0) {
                        x.scatter(Z, (i * K + c) * D + k * d, r);
                    }
                }
            }
        }
        lambda.setPacked(priorPacked);
        lambda.addGram(Z, n * K);
    }

    /** μ ← μ + U(I + TV)⁻¹(ν − Tm);  P ← P − U·T(I + VT)⁻¹·Uᵀ. */
    private void update(Site site, double[] U, double[] V, double[] m, double[] mu, double[] P) {
        double[] meanShift = SmallSymmetric.solveGeneral(plusIdentity(multiply(site.T(), V)), minus(site.nu(), multiply(site.T(), m)), K);
        double[] gain = multiply(site.T(), inverseGeneral(plusIdentity(multiply(V, site.T()))));
        for (int r = 0; r < D; r++) {
            double shift = 0;
            for (int k = 0; k < K; k++) {
                shift += U[k * D + r] * meanShift[k];
            }
            mu[r] += shift;
        }
        for (int r = 0; r < D; r++) {
            for (int k = 0; k < K; k++) {
                double coefficient = 0;
                for (int l = 0; l < K; l++) {
                    coefficient += U[l * D + r] * gain[l * K + k];
                }
                if (coefficient == 0) {
                    continue;
                }
                int row = r * D;
                int u = k * D;
                for (int c = 0; c < D; c++) {
                    P[row + c] -= coefficient * U[u + c];
                }
            }
        }
    }

    private void unpack(double[] packed, double[] full) {
        for (int i = 0, k = 0; i < D; i++) {
            for (int j = i; j < D; j++, k++) {
                full[i * D + j] = packed[k];
                full[j * D + i] = packed[k];
            }
        }
    }
}
