package io.bayesfuse.kernels.fusion.mixture;

import io.bayesfuse.kernels.gaussian.GaussianMixture;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.Matrices;
import org.ejml.data.DMatrixRMaj;

/**
 * The single Gaussian with the same mean and covariance as a mixture (the KL projection of the
 * mixture onto Gaussians):
 * <pre>
 *   x = Σₖ wₖ xₖ,    P = Σₖ wₖ (Pₖ + (xₖ − x)(xₖ − x)ᵀ)
 * </pre>
 * with weights normalised to sum to 1.
 */
public final class MomentMatching {

    private MomentMatching() {
    }

    /** The moment-matched Gaussian of a whole mixture. */
    public static Gaussian of(GaussianMixture mixture) {
        double[] w = mixture.weights();
        Gaussian[] g = mixture.components().toArray(Gaussian[]::new);
        return merge(w, g);
    }

    /** The moment-matched Gaussian of two weighted components (weights need not sum to 1). */
    public static Gaussian merge(double wa, Gaussian a, double wb, Gaussian b) {
        return merge(new double[]{wa, wb}, new Gaussian[]{a, b});
    }

    private static Gaussian merge(double[] weights, Gaussian[] components) {
        int d = components[0].dimension();
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] x = new double[d];
        for (int k = 0; k < components.length; k++) {
            double wk = weights[k] / total;
            for (int i = 0; i < d; i++) {
                x[i] += wk * components[k].mean(i);
            }
        }
        DMatrixRMaj P = new DMatrixRMaj(d, d);
        double[] dx = new double[d];
        for (int k = 0; k < components.length; k++) {
            double wk = weights[k] / total;
            for (int i = 0; i < d; i++) {
                dx[i] = components[k].mean(i) - x[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    P.data[i * d + j] += wk * (components[k].covariance(i, j) + dx[i] * dx[j]);
                }
            }
        }
        Matrices.symmetrise(P);
        return Gaussian.trusted(Matrices.column(x), P);
    }
}
