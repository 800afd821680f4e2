package io.bayesfuse.kernels.learning.likelihood;

/**
 * Multinomial logistic regression: p(y = k | a) = softmax(a)ₖ = e^(aₖ)/Σⱼe^(aⱼ), y ∈ {0..K−1}.
 * The negative Hessian of log p is diag(p) − ppᵀ, whose square root M = diag(√p) − p·√pᵀ
 * (M·Mᵀ = diag(p) − 2ppᵀ + p(√pᵀ√p)pᵀ = diag(p) − ppᵀ, since Σp = 1) lets a Laplace update
 * add it to the precision as K scaled feature rows per example.
 */
public final class SoftmaxLikelihood implements OutputLikelihood {

    private final int K;
    private final double[] p;

    public SoftmaxLikelihood(int classes) {
        this.K = classes;
        this.p = new double[classes];
    }

    /** softmax(a) into {@code out}, with the maximum subtracted against overflow; returns log Σⱼe^(aⱼ). */
    public static double softmax(double[] a, double[] out, int K) {
        double max = a[0];
        for (int k = 1; k < K; k++) {
            max = Math.max(max, a[k]);
        }
        double sum = 0;
        for (int k = 0; k < K; k++) {
            out[k] = Math.exp(a[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < K; k++) {
            out[k] /= sum;
        }
        return max + Math.log(sum);
    }

    @Override
    public int outputs() {
        return K;
    }

    @Override
    public double logLikelihood(double[] a, double y) {
        return a[(int) y] - softmax(a, p, K);
    }

    @Override
    public void gradientAndCurvature(double[] a, double y, double w, double[] gradient, double[] root) {
        softmax(a, p, K);
        int target = (int) y;
        double sw = Math.sqrt(w);
        for (int k = 0; k < K; k++) {
            gradient[k] = w * ((k == target ? 1 : 0) - p[k]);
            for (int c = 0; c < K; c++) {
                root[k * K + c] = sw * ((k == c ? Math.sqrt(p[k]) : 0) - p[k] * Math.sqrt(p[c]));
            }
        }
    }
}
