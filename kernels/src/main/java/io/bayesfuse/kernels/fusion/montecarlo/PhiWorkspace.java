package io.bayesfuse.kernels.fusion.montecarlo;

/**
 * Scratch space of one thread for {@link WhitenedProduct#phi} and {@link PhiBounds}: per-component
 * arrays sized by the most components of one mixture, per-coordinate arrays of dimension d.
 */
final class PhiWorkspace {

    final double[] u;
    final double[] gu;   // per component: Gₖu (M × d), at the box's center in bounds
    final double[] spread; // per component: the largest change of Gₖu over the box (M × d)
    final double[] l;    // per component log-weights
    final double[] r;
    final double[] grad;
    final double[] gradLo;
    final double[] gradHi;
    final double[] center;
    final double[] half;
    final double[] lo;
    final double[] hi;
    final double[] v;
    final double[] lb;
    final double[] ub;
    final int[] order;
    final double[] cvec;
    final double[] lap;  // bounds of one mixture's Laplacian term

    PhiWorkspace(int d, int maxComponents) {
        int M = Math.max(1, maxComponents);
        u = new double[d];
        gu = new double[M * d];
        spread = new double[M * d];
        l = new double[M];
        r = new double[M];
        grad = new double[d];
        gradLo = new double[d];
        gradHi = new double[d];
        center = new double[d];
        half = new double[d];
        lo = new double[M];
        hi = new double[M];
        v = new double[M];
        lb = new double[M];
        ub = new double[M];
        order = new int[M];
        cvec = new double[d];
        lap = new double[2];
    }
}
