package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One node of a divide-and-conquer fusion tree: draws from the product h₁⋯h_C of its children's
 * densities, given draws from each child, by Monte Carlo Fusion (Dai, Pollock &amp; Roberts 2019) run
 * as sequential Monte Carlo on a time mesh (Bayesian Fusion, Dai, Pollock &amp; Roberts 2023; its
 * preconditioned, divide-and-conquer use in Chan, Pollock, Johansen &amp; Roberts 2023):
 * <ol>
 * <li>M tuples (x⁽¹⁾, …, x⁽ᶜ⁾), one draw of each child (independent random pairings), weighted by
 *     ρ₀ = exp(−Σ_c (x⁽ᶜ⁾ − x̃)ᵀΛ_c⁻¹(x⁽ᶜ⁾ − x̃)/2T), x̃ = Λ̄ Σ_c Λ_c⁻¹x⁽ᶜ⁾, Λ̄ = (Σ_c Λ_c⁻¹)⁻¹, with
 *     Λ_c the child's covariance (the preconditioner); T is the smallest time horizon whose ρ₀ keep
 *     an effective sample size of {@code timeEss}·M (or the configured horizon), then resampled;</li>
 * <li>from s to t on the mesh, the C Λ_c-Brownian motions conditioned to meet at T move jointly:
 *     y ~ N(x̃_s, (T − s)Λ̄), x_t⁽ᶜ⁾ ~ N(x_s⁽ᶜ⁾ + (t − s)/(T − s)·(y − x_s⁽ᶜ⁾), (t − s)(T − t)/(T − s)·Λ_c)
 *     (at t = T every x⁽ᶜ⁾ = y); each tuple's weight is multiplied by Π_c Q̂_c, the path-space factor
 *     of child c over its bridge from x_s⁽ᶜ⁾ to x_t⁽ᶜ⁾ ({@link PathSpaceWeight});</li>
 * <li>the step t − s adapts: halved until the conditional effective sample size of the new factors
 *     is at least {@code meshEss} (and the thinning needs a bounded number of points), doubled after
 *     a step; tuples are resampled when the effective sample size falls below M/2;</li>
 * <li>at T the tuples have met: their common points, resampled to the requested count, are draws
 *     from the product.</li>
 * </ol>
 * Randomness: the node's seed, then one SplitMix64 stream per (step attempt, tuple), so the result
 * is the same whatever the number of threads. Resampling is systematic.
 */
final class NodeFusion {

    /** A child: its draws (count × d, row-major, equally weighted), the sub-posteriors below it, its covariance. */
    record Child(double[] draws, int count, List<MixtureLeaf> leaves, double[] covariance) {
    }

    /**
     * The node's draws and what the fusion did.
     *
     * @param draws      count × d, equally weighted
     * @param timeHorizon T
     * @param steps       mesh steps taken
     * @param retries     steps halved and tried again
     * @param minimumCess the smallest conditional effective sample size fraction of an accepted step
     * @param finalEss    the effective sample size fraction before the last resampling
     */
    record Result(double[] draws, int count, double timeHorizon, int steps, int retries, double minimumCess, double finalEss) {
    }

    /** The fusion's tuning. */
    record Tuning(Double timeHorizon, double timeEss, double meshEss, double layerScale, int maxPointsPerBridge,
                  int maxSteps, boolean parallel) {
    }

    private static final int BLOCK = 128;
    /** Tuples in a pilot step. */
    static final int PILOT = 256;

    private NodeFusion() {
    }

    /**
     * @param M     the number of tuples
     * @param out   the number of draws to return
     * @throws FusionFailedException when every tuple's weight is zero
     */
    static Result fuse(List<Child> children, int M, int out, long seed, Tuning tuning) {
        int C = children.size();
        int d = children.get(0).leaves().get(0).dimension();
        // preconditioners: Λ_c = R_c R_cᵀ, Λ_c⁻¹, Λ̄ = (Σ Λ_c⁻¹)⁻¹ = R̄R̄ᵀ, B_c = Λ̄Λ_c⁻¹ (x̃ = Σ B_c x⁽ᶜ⁾)
        double[][] R = new double[C][];
        double[][] Rinv = new double[C][];
        double[][] LambdaInv = new double[C][];
        double[] precisionSum = new double[d * d];
        CholeskySolver cholesky = new CholeskySolver();
        for (int c = 0; c < C; c++) {
            DMatrixRMaj Lambda = DMatrixRMaj.wrap(d, d, children.get(c).covariance().clone());
            if (!cholesky.decompose(Lambda)) {
                throw new FusionFailedException("the draws of child " + c + " have a covariance that is not positive definite");
            }
            DMatrixRMaj f = new DMatrixRMaj(d, d);
            cholesky.lowerFactor(f);
            R[c] = f.data.clone();
            Rinv[c] = WhitenedProduct.lowerInverse(R[c], d);
            DMatrixRMaj inverse = new DMatrixRMaj(d, d);
            cholesky.invert(inverse);
            LambdaInv[c] = inverse.data.clone();
            for (int i = 0; i < d * d; i++) {
                precisionSum[i] += LambdaInv[c][i];
            }
        }
        if (!cholesky.decompose(DMatrixRMaj.wrap(d, d, precisionSum.clone()))) {
            throw new FusionFailedException("the summed precision of the children is not positive definite");
        }
        DMatrixRMaj LambdaBarM = new DMatrixRMaj(d, d);
        cholesky.invert(LambdaBarM);
        double[] LambdaBar = LambdaBarM.data.clone();
        if (!cholesky.decompose(LambdaBarM)) {
            throw new FusionFailedException("the fused preconditioner is not positive definite");
        }
        DMatrixRMaj RbarM = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(RbarM);
        double[] Rbar = RbarM.data.clone();
        double[][] B = new double[C][];
        for (int c = 0; c < C; c++) {
            B[c] = multiply(LambdaBar, LambdaInv[c], d);
        }
        WhitenedProduct[] phi = new WhitenedProduct[C];
        for (int c = 0; c < C; c++) {
            phi[c] = new WhitenedProduct(children.get(c).leaves(), R[c]);
        }

        SplitMix64 random = new SplitMix64(seed);
        // 1. tuples of independent random pairings
        double[][] X = new double[C][M * d];
        for (int c = 0; c < C; c++) {
            Child child = children.get(c);
            int[] permutation = permutation(child.count(), random);
            for (int j = 0; j < M; j++) {
                int source = permutation[j % child.count()];
                System.arraycopy(child.draws(), source * d, X[c], j * d, d);
            }
        }
        double[] S = new double[M];
        double[] xTilde = new double[d];
        double[] diff = new double[d];
        for (int j = 0; j < M; j++) {
            combine(X, B, j, d, xTilde);
            double s = 0;
            for (int c = 0; c < C; c++) {
                for (int i = 0; i < d; i++) {
                    diff[i] = X[c][j * d + i] - xTilde[i];
                }
                s += quadratic(LambdaInv[c], diff, d);
            }
            S[j] = s;
        }
        double T = tuning.timeHorizon() != null ? tuning.timeHorizon() : horizon(S, tuning.timeEss());
        double[] logW = new double[M];
        for (int j = 0; j < M; j++) {
            logW[j] = -S[j] / (2 * T);
        }
        int[] picked = systematic(logW, M, random);
        X = reorder(X, picked, d);
        java.util.Arrays.fill(logW, 0.0);

        // 2.–3. the mesh
        double s = 0;
        double step = T;
        int steps = 0;
        int retries = 0;
        double minimumCess = 1;
        long stepSeed = random.nextLong();
        Proposal proposal = new Proposal(C, d, M);
        double minimumStep = T / (1L << Math.min(40, tuning.maxSteps()));
        int[] everyTuple = IntStream.range(0, M).toArray();
        int[] pilotTuples = pilot(M);
        while (true) {
            double t;
            int attempt = 0;
            // the step: the longest (halving from the last one doubled) whose pilot keeps the conditional
            // ESS and a bounded number of Poisson points; then the step is taken afresh with new random
            // numbers, so that its choice does not select the draws that are kept
            while (true) {
                t = T - s <= step * (1 + 1e-12) ? T : s + step;
                long attemptSeed = SplitMix64.mix(stepSeed ^ SplitMix64.mix(((long) steps << 20) + attempt));
                propose(proposal, X, phi, R, Rinv, B, Rbar, s, t, T, d, attemptSeed, tuning, pilotTuples,
                        tuning.maxPointsPerBridge());
                double cess = conditionalEss(logW, proposal.logWeight, pilotTuples);
                boolean withinPoints = proposal.maxPoints <= tuning.maxPointsPerBridge();
                if ((cess >= tuning.meshEss() && withinPoints) || step <= minimumStep) {
                    break;
                }
                step /= 2;
                attempt++;
                retries++;
            }
            long stepSeedFinal = SplitMix64.mix(stepSeed ^ SplitMix64.mix(((long) steps << 20) + 0xFFFFFL));
            propose(proposal, X, phi, R, Rinv, B, Rbar, s, t, T, d, stepSeedFinal, tuning, everyTuple,
                    Double.POSITIVE_INFINITY);
            double cess = conditionalEss(logW, proposal.logWeight, everyTuple);
            if (Double.isNaN(cess) || cess == 0) {
                throw new FusionFailedException("every tuple's path-space weight is zero (time horizon " + T + ")");
            }
            minimumCess = Math.min(minimumCess, cess);
            double[][] swap = X;
            X = proposal.X;
            proposal.X = swap;
            for (int j = 0; j < M; j++) {
                logW[j] += proposal.logWeight[j];
            }
            steps++;
            s = t;
            if (s >= T) {
                break;
            }
            if (ess(logW) < 0.5) {
                X = reorder(X, systematic(logW, M, random), d);
                java.util.Arrays.fill(logW, 0.0);
            }
            step = Math.min(2 * step, T - s);
        }
        double finalEss = ess(logW);
        int[] chosen = systematic(logW, out, random);
        double[] draws = new double[out * d];
        for (int j = 0; j < out; j++) {
            System.arraycopy(X[0], chosen[j] * d, draws, j * d, d);
        }
        return new Result(draws, out, T, steps, retries, minimumCess, finalEss);
    }

    /** The proposed next states of every tuple and their log path-space factors. */
    private static final class Proposal {
        double[][] X;
        final double[] logWeight;
        int maxPoints;

        Proposal(int C, int d, int M) {
            X = new double[C][M * d];
            logWeight = new double[M];
        }
    }

    /**
     * Moves the tuples {@code rows} from s to t (into {@code proposal.X}) and estimates their path-space
     * factors; {@code budget} bounds each bridge's expected Poisson points (a factor over budget is NaN).
     */
    private static void propose(Proposal proposal, double[][] X, WhitenedProduct[] phi, double[][] R,
                                double[][] Rinv, double[][] B, double[] Rbar, double s, double t, double T, int d,
                                long attemptSeed, Tuning tuning, int[] rows, double budget) {
        int C = X.length;
        int M = rows.length;
        int blocks = (M + BLOCK - 1) / BLOCK;
        int[] maxPoints = new int[blocks];
        IntStream range = IntStream.range(0, blocks);
        (tuning.parallel() ? range.parallel() : range).forEach(block -> {
            PathSpaceWeight[] weights = new PathSpaceWeight[C];
            for (int c = 0; c < C; c++) {
                weights[c] = new PathSpaceWeight(phi[c], tuning.layerScale());
            }
            double[] xTilde = new double[d];
            double[] y = new double[d];
            double[] xi = new double[d];
            double[] a = new double[d];
            double[] b = new double[d];
            double left = T - s;
            double fraction = (t - s) / left;
            double spread = Math.sqrt((t - s) * (T - t) / left);
            double scale = Math.sqrt(left);
            int most = 0;
            for (int row = block * BLOCK; row < Math.min(M, (block + 1) * BLOCK); row++) {
                int j = rows[row];
                SplitMix64 random = new SplitMix64(SplitMix64.mix(attemptSeed ^ SplitMix64.mix(j + 0x51ED27L)));
                combine(X, B, j, d, xTilde);
                for (int i = 0; i < d; i++) {
                    xi[i] = random.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    double v = xTilde[i];
                    for (int k = 0; k <= i; k++) {
                        v += scale * Rbar[i * d + k] * xi[k];
                    }
                    y[i] = v;
                }
                double logQ = 0;
                for (int c = 0; c < C; c++) {
                    double[] next = proposal.X[c];
                    if (t >= T) {
                        System.arraycopy(y, 0, next, j * d, d);
                    } else {
                        for (int i = 0; i < d; i++) {
                            xi[i] = random.nextGaussian();
                        }
                        for (int i = 0; i < d; i++) {
                            double v = X[c][j * d + i] + fraction * (y[i] - X[c][j * d + i]);
                            for (int k = 0; k <= i; k++) {
                                v += spread * R[c][i * d + k] * xi[k];
                            }
                            next[j * d + i] = v;
                        }
                    }
                    whiten(Rinv[c], X[c], j * d, a, d);
                    whiten(Rinv[c], next, j * d, b, d);
                    if (logQ > Double.NEGATIVE_INFINITY) {
                        logQ += weights[c].logWeight(a, 0, b, 0, t - s, random, budget);
                        most = Math.max(most, weights[c].lastPoints());
                    }
                }
                proposal.logWeight[j] = logQ;
            }
            maxPoints[block] = most;
        });
        int most = 0;
        for (int m : maxPoints) {
            most = Math.max(most, m);
        }
        proposal.maxPoints = most;
    }

    /** The smallest T whose weights exp(−Sⱼ/2T) keep an effective sample size fraction of {@code target}. */
    static double horizon(double[] S, double target) {
        double lo = 1.0;
        double hi = 1.0;
        if (essOfScaled(S, 1.0) >= target) {
            while (lo > 1e-8 && essOfScaled(S, lo / 2) >= target) {
                lo /= 2;
            }
            hi = lo;
            lo = lo / 2;
        } else {
            while (hi < 1e12 && essOfScaled(S, hi) < target) {
                hi *= 2;
            }
            lo = hi / 2;
        }
        for (int i = 0; i < 40; i++) {
            double mid = Math.sqrt(lo * hi);
            if (essOfScaled(S, mid) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double essOfScaled(double[] S, double T) {
        double[] logW = new double[S.length];
        for (int j = 0; j < S.length; j++) {
            logW[j] = -S[j] / (2 * T);
        }
        return ess(logW);
    }

    /** The effective sample size (Σw)²/Σw² as a fraction of the number of weights. */
    static double ess(double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double sum = 0;
        double squares = 0;
        for (double l : logW) {
            double w = Math.exp(l - max);
            sum += w;
            squares += w * w;
        }
        return sum * sum / squares / logW.length;
    }

    /** (Σ Wⱼwⱼ)²/Σ Wⱼwⱼ² with W the normalised current weights and w the new factors (Zhou, Johansen &amp; Aston 2016). */
    static double conditionalEss(double[] logW, double[] logIncrement, int[] rows) {
        double maxW = Double.NEGATIVE_INFINITY;
        double maxI = Double.NEGATIVE_INFINITY;
        for (int j : rows) {
            if (Double.isNaN(logIncrement[j])) {
                return 0;
            }
            maxW = Math.max(maxW, logW[j]);
            maxI = Math.max(maxI, logIncrement[j]);
        }
        if (maxI == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double total = 0;
        double first = 0;
        double second = 0;
        for (int j : rows) {
            double W = Math.exp(logW[j] - maxW);
            double w = Math.exp(logIncrement[j] - maxI);
            total += W;
            first += W * w;
            second += W * w * w;
        }
        first /= total;
        second /= total;
        return second == 0 ? 0 : first * first / second;
    }

    /** The tuples a pilot step tries: about {@value #PILOT} of them, evenly spread over the M. */
    static int[] pilot(int M) {
        int count = Math.min(M, PILOT);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = (int) ((long) i * M / count);
        }
        return rows;
    }

    /** Systematic resampling of {@code count} indices by the weights exp(logW). */
    static int[] systematic(double[] logW, int count, SplitMix64 random) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new FusionFailedException("every tuple's weight is zero");
        }
        double[] cumulative = new double[logW.length];
        double total = 0;
        for (int j = 0; j < logW.length; j++) {
            total += Math.exp(logW[j] - max);
            cumulative[j] = total;
        }
        int[] picked = new int[count];
        double u = random.nextDouble() / count;
        int j = 0;
        for (int i = 0; i < count; i++) {
            double target = (u + (double) i / count) * total;
            while (j < logW.length - 1 && cumulative[j] < target) {
                j++;
            }
            picked[i] = j;
        }
        return picked;
    }

    private static double[][] reorder(double[][] X, int[] picked, int d) {
        double[][] out = new double[X.length][picked.length * d];
        for (int c = 0; c < X.length; c++) {
            for (int j = 0; j < picked.length; j++) {
                System.arraycopy(X[c], picked[j] * d, out[c], j * d, d);
            }
        }
        return out;
    }

    private static int[] permutation(int n, SplitMix64 random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = (int) Math.floorMod(random.nextLong(), (long) (i + 1));
            int tmp = p[i];
            p[i] = p[k];
            p[k] = tmp;
        }
        return p;
    }

    /** x̃ = Σ_c B_c x⁽ᶜ⁾ of tuple j. */
    private static void combine(double[][] X, double[][] B, int j, int d, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int c = 0; c < X.length; c++) {
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += B[c][i * d + k] * X[c][j * d + k];
                }
                out[i] += v;
            }
        }
    }

    private static void whiten(double[] Rinv, double[] x, int offset, double[] out, int d) {
        for (int i = 0; i < d; i++) {
            double v = 0;
            for (int k = 0; k <= i; k++) {
                v += Rinv[i * d + k] * x[offset + k];
            }
            out[i] = v;
        }
    }

    private static double quadratic(double[] A, double[] x, int d) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += A[i * d + k] * x[k];
            }
            q += x[i] * s;
        }
        return q;
    }

    private static double[] multiply(double[] A, double[] B, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += A[i * d + k] * B[k * d + j];
                }
                out[i * d + j] = s;
            }
        }
        return out;
    }

    /** The sample mean and (unbiased) covariance of count × d draws: [mean (d), covariance (d×d)]. */
    static double[][] moments(double[] draws, int count, int d) {
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
        return new double[][]{mean, cov};
    }
}
