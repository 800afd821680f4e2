package io.bayesfuse.kernels.learning.dense;

import io.bayesfuse.kernels.learning.LearningFailedException;
import io.bayesfuse.kernels.learning.likelihood.SmallSymmetric;
import io.bayesfuse.kernels.learning.likelihood.TiltedMoments;

import static io.bayesfuse.kernels.learning.dense.SmallMatrices.minus;
import static io.bayesfuse.kernels.learning.dense.SmallMatrices.multiply;

/**
 * A Gaussian site in the outputs' space (Minka 2001 §3): the precision T = Ṽ⁻¹ − V⁻¹ that turns the
 * outputs' moments (m, V) into the tilted ones (m̃, Ṽ), made positive semi-definite as T = R·Rᵀ, and
 * the information ν = Ṽ⁻¹m̃ − V⁻¹m.
 */
record Site(double[] T, double[] root, double[] nu) {

    static Site of(double[] m, double[] V, TiltedMoments.Result tilted, int K) {
        double[] LV = SmallSymmetric.cholesky(V, K);
        double[] Lt = SmallSymmetric.cholesky(tilted.covariance(), K);
        if (LV == null || Lt == null) {
            throw new LearningFailedException("assumed-density filtering: an example's output covariance is not positive definite");
        }
        double[] Vinv = SmallSymmetric.inverse(LV, K);
        double[] tiltedInv = SmallSymmetric.inverse(Lt, K);
        double[] T = new double[K * K];
        for (int i = 0; i < K * K; i++) {
            T[i] = tiltedInv[i] - Vinv[i];
        }
        double[] root = SmallSymmetric.positiveRoot(T, K);
        double[] positive = new double[K * K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double sum = 0;
                for (int c = 0; c < K; c++) {
                    sum += root[i * K + c] * root[j * K + c];
                }
                positive[i * K + j] = sum;
            }
        }
        double[] nu = minus(multiply(tiltedInv, tilted.mean()), multiply(Vinv, m));
        return new Site(positive, root, nu);
    }
}
