package io.bayesfuse.topology.query;

import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.FisherPosterior;
import io.bayesfuse.avro.FullCovariance;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MixtureComponent;
import io.bayesfuse.avro.MixturePosterior;
import io.bayesfuse.avro.SamplePosterior;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A posterior of any contract form reduced to what a person reads first: each component's mean
 * and standard deviation (the marginals).
 * <ul>
 * <li>Gaussian with a full or diagonal covariance: mean and √Pᵢᵢ;</li>
 * <li>Gaussian in information form: mean = Λ⁻¹η and √(Λ⁻¹)ᵢᵢ by a Cholesky solve;</li>
 * <li>Fisher: θ and 1/√Fᵢ (infinite where Fᵢ = 0);</li>
 * <li>mixture: the moment-matched mean Σ wₖμₖ and variance Σ wₖ(Pₖ,ᵢᵢ + μₖ,ᵢ²) − mean²;</li>
 * <li>samples: the (weighted) sample mean and standard deviation.</li>
 * </ul>
 *
 * @param mean the marginal means
 * @param sd   the marginal standard deviations
 */
public record PosteriorSummary(double[] mean, double[] sd) {

    /** The summary of a posterior union value (GaussianPosterior, FisherPosterior, MixturePosterior, SamplePosterior). */
    public static PosteriorSummary of(Object posterior) {
        if (posterior instanceof GaussianPosterior g) {
            return gaussian(g);
        }
        if (posterior instanceof FisherPosterior f) {
            double[] mean = doubles(f.getMean());
            double[] sd = new double[mean.length];
            for (int i = 0; i < sd.length; i++) {
                double fi = f.getFisherDiagonal().get(i);
                sd[i] = fi > 0 ? 1 / Math.sqrt(fi) : Double.POSITIVE_INFINITY;
            }
            return new PosteriorSummary(mean, sd);
        }
        if (posterior instanceof MixturePosterior m) {
            return mixture(m);
        }
        if (posterior instanceof SamplePosterior s) {
            return samples(s);
        }
        throw new IllegalArgumentException("not a posterior: " + (posterior == null ? "null" : posterior.getClass().getName()));
    }

    private static PosteriorSummary gaussian(GaussianPosterior g) {
        Object covariance = g.getCovariance();
        if (covariance instanceof InformationForm info) {
            int n = info.getInformation().size();
            CholeskySolver solver = new CholeskySolver();
            if (!solver.decompose(matrix(info.getPrecision()))) {
                throw new IllegalArgumentException("the precision matrix is not positive definite");
            }
            DMatrixRMaj mean = new DMatrixRMaj(n, 1);
            solver.solve(Matrices.column(doubles(info.getInformation())), mean);
            DMatrixRMaj P = new DMatrixRMaj(n, n);
            solver.invert(P);
            double[] sd = new double[n];
            for (int i = 0; i < n; i++) {
                sd[i] = Math.sqrt(P.get(i, i));
            }
            return new PosteriorSummary(Matrices.toArray(mean), sd);
        }
        double[] mean = doubles(g.getMean());
        return new PosteriorSummary(mean, standardDeviations(covariance, mean.length));
    }

    private static PosteriorSummary mixture(MixturePosterior m) {
        List<MixtureComponent> components = m.getComponents();
        int n = components.get(0).getMean().size();
        double[] mean = new double[n];
        double[] second = new double[n];
        double total = 0;
        for (MixtureComponent c : components) {
            total += c.getWeight();
        }
        for (MixtureComponent c : components) {
            double w = c.getWeight() / total;
            double[] sd = standardDeviations(c.getCovariance(), n);
            for (int i = 0; i < n; i++) {
                double mu = c.getMean().get(i);
                mean[i] += w * mu;
                second[i] += w * (sd[i] * sd[i] + mu * mu);
            }
        }
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            sd[i] = Math.sqrt(Math.max(0, second[i] - mean[i] * mean[i]));
        }
        return new PosteriorSummary(mean, sd);
    }

    private static PosteriorSummary samples(SamplePosterior s) {
        Matrix draws = s.getDraws();
        int count = draws.getRows();
        int n = draws.getCols();
        double[] mean = new double[n];
        double[] second = new double[n];
        double total = 0;
        for (int k = 0; k < count; k++) {
            double w = s.getWeights() == null ? 1 : s.getWeights().get(k);
            total += w;
            for (int i = 0; i < n; i++) {
                double v = draws.getValues().get(k * n + i);
                mean[i] += w * v;
                second[i] += w * v * v;
            }
        }
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] /= total;
            sd[i] = Math.sqrt(Math.max(0, second[i] / total - mean[i] * mean[i]));
        }
        return new PosteriorSummary(mean, sd);
    }

    private static double[] standardDeviations(Object covariance, int n) {
        double[] sd = new double[n];
        if (covariance instanceof FullCovariance full) {
            Matrix P = full.getMatrix();
            for (int i = 0; i < n; i++) {
                sd[i] = Math.sqrt(P.getValues().get(i * P.getCols() + i));
            }
        } else if (covariance instanceof DiagonalCovariance diagonal) {
            for (int i = 0; i < n; i++) {
                sd[i] = Math.sqrt(diagonal.getVariances().get(i));
            }
        } else {
            throw new IllegalArgumentException("unknown covariance form " + covariance);
        }
        return sd;
    }

    private static DMatrixRMaj matrix(Matrix m) {
        DMatrixRMaj out = new DMatrixRMaj(m.getRows(), m.getCols());
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = m.getValues().get(i);
        }
        return out;
    }

    private static double[] doubles(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
