package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.random.SplitMix64;

import java.util.Arrays;
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
 * The parts: {@link Preconditioner} (Λ_c, Λ̄, B_c), {@link TupleBridges} (one mesh step of every
 * tuple), {@link ImportanceWeights} (effective sample sizes, the horizon, resampling).
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
        Preconditioner pre = Preconditioner.of(children, d);
        WhitenedProduct[] phi = new WhitenedProduct[C];
        for (int c = 0; c < C; c++) {
            phi[c] = new WhitenedProduct(children.get(c).leaves(), pre.R[c]);
        }
        TupleBridges bridges = new TupleBridges(pre, phi, tuning.layerScale(), tuning.parallel());

        SplitMix64 random = new SplitMix64(seed);
        // 1. tuples of independent random pairings, weighted by ρ₀ at the horizon T, resampled
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
            S[j] = pre.spread(X, j, xTilde, diff);
        }
        double T = tuning.timeHorizon() != null ? tuning.timeHorizon() : ImportanceWeights.horizon(S, tuning.timeEss());
        double[] logW = new double[M];
        for (int j = 0; j < M; j++) {
            logW[j] = -S[j] / (2 * T);
        }
        X = reorder(X, ImportanceWeights.systematic(logW, M, random), d);
        Arrays.fill(logW, 0.0);

        // 2.–3. the mesh
        double s = 0;
        double step = T;
        int steps = 0;
        int retries = 0;
        double minimumCess = 1;
        long stepSeed = random.nextLong();
        TupleBridges.Proposal proposal = new TupleBridges.Proposal(C, d, M);
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
                bridges.propose(proposal, X, s, t, T, attemptSeed, pilotTuples, tuning.maxPointsPerBridge());
                double cess = ImportanceWeights.conditionalEss(logW, proposal.logWeight, pilotTuples);
                boolean withinPoints = proposal.maxPoints <= tuning.maxPointsPerBridge();
                if ((cess >= tuning.meshEss() && withinPoints) || step <= minimumStep) {
                    break;
                }
                step /= 2;
                attempt++;
                retries++;
            }
            long stepSeedFinal = SplitMix64.mix(stepSeed ^ SplitMix64.mix(((long) steps << 20) + 0xFFFFFL));
            bridges.propose(proposal, X, s, t, T, stepSeedFinal, everyTuple, Double.POSITIVE_INFINITY);
            double cess = ImportanceWeights.conditionalEss(logW, proposal.logWeight, everyTuple);
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
            if (ImportanceWeights.ess(logW) < 0.5) {
                X = reorder(X, ImportanceWeights.systematic(logW, M, random), d);
                Arrays.fill(logW, 0.0);
            }
            step = Math.min(2 * step, T - s);
        }
        // 4. the met tuples' common points, resampled to the requested count
        double finalEss = ImportanceWeights.ess(logW);
        int[] chosen = ImportanceWeights.systematic(logW, out, random);
        double[] draws = new double[out * d];
        for (int j = 0; j < out; j++) {
            System.arraycopy(X[0], chosen[j] * d, draws, j * d, d);
        }
        return new Result(draws, out, T, steps, retries, minimumCess, finalEss);
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
}
