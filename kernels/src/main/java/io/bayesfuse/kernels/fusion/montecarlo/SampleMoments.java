package io.bayesfuse.kernels.fusion.montecarlo;

/**
 * The sample mean and unbiased sample covariance of equally weighted draws (count × d, row-major).
 *
 * @param mean       d entries
 * @param covariance d×d, row-major
 */
record SampleMoments(double[] mean, double[] covariance) {

    static SampleMoments of(double[] draws, int count, int d) {
        double[] mean = new double[d];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < d; i++) {
                mean[i] += draws[j * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= count;
        }
        double[] cov = new double[d * d];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < d; i++) {
                double di = draws[j * d + i] - mean[i];
                for (int k = i; k < d; k++) {
                    cov[i * d + k] += di * (draws[j * d + k] - mean[k]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int k = i; k < d; k++) {
                double v = count > 1 ? cov[i * d + k] / (count - 1) : 0;
                cov[i * d + k] = v;
                cov[k * d + i] = v;
            }
        }
        return new SampleMoments(mean, cov);
    }
}
