package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.stream.IntStream;

/**
 * Resample-move rejuvenation of a fusion node's draws (Gilks &amp; Berzuini 2001): after the node's
 * Monte Carlo Fusion has resampled its tuples, many draws share an ancestor, and with narrow
 * mixture components the path-space weights are so variable that the surviving draws carry the
 * information of only ~100 independent ones. Every draw then takes Metropolis–Hastings steps whose
 * invariant law is the node's target h(θ) = Πᵢ fᵢ(θ) over the sub-posteriors below it — exact,
 * since each fᵢ is a mixture whose density is known ({@link ProductDensity}) — so the draws keep
 * their law and lose their duplication. A round is two sweeps over every draw:
 * <ol>
 * <li>a random walk θ' = θ + s·Lξ with LLᵀ the draws' covariance; the scale s starts at 2.38/√d and
 *     is adapted between rounds towards an acceptance rate of about 0.3 from the population's rate;</li>
 * <li>an independence proposal from a Gaussian kernel density of the population
 *     ({@link KernelDensityProposal}), which moves mass between modes.</li>
 * </ol>
 * The number of rounds adapts: at least {@value #MIN_ROUNDS}, then rounds continue until
 * {@value #MOVED} of the draws have left the point they started from, the draws have made, on
 * average, {@value #JUMPS} accepted independence jumps each, and the last independence sweep
 * accepted at least {@value #ACCEPTANCE} of its proposals — or {@code maxRounds} are done. The last
 * condition is the important one: a kernel density of the population that the target accepts half
 * the time means the population already resembles the target; a low rate means it does not yet (or
 * that the target is hard), and the moves go on. Broad, nearly Gaussian nodes (acceptance ~0.8) stop
 * after 3–4 rounds; the narrow components of reference/dcfuse-example (acceptance 0.13–0.2) take all
 * 40, and need them: stopping there after 2 jumps per draw left the mean 0.19 sd off for one seed.
 * Any number of rounds leaves the target invariant; the rule decides only how far the duplication
 * of the resampled draws is undone. The decision uses whole-population counts, so it does not
 * depend on the number of threads.
 *
 * <p>Randomness: one SplitMix64 stream per (sweep, draw) from the seed.
 */
final class Rejuvenation {

    private static final int BLOCK = 128;
    /** Population points in the independence proposal's kernel density. */
    static final int KERNELS = 64;
    static final int MIN_ROUNDS = 2;
    static final double MOVED = 0.99;
    static final double JUMPS = 2.0;
    static final double ACCEPTANCE = 0.5;

    private Rejuvenation() {
    }

    /**
     * Moves {@code draws} (count × d, row-major) in place.
     *
     * @param maxRounds the most rounds (0 leaves the draws as they are)
     * @return the rounds done
     */
    static int move(double[] draws, int count, ProductDensity target, int maxRounds, long seed, boolean parallel) {
        if (maxRounds == 0 || count < 2) {
            return 0;
        }
        int d = target.dimension();
        double[] covariance = SampleMoments.of(draws, count, d).covariance();
        for (int i = 0; i < d; i++) {
            covariance[i * d + i] += 1e-12 * (1 + Math.abs(covariance[i * d + i]));
        }
        CholeskySolver cholesky = new CholeskySolver();
        if (!cholesky.decompose(DMatrixRMaj.wrap(d, d, covariance))) {
            return 0;   // degenerate draws (all equal): nothing sensible to scale a move by
        }
        DMatrixRMaj Lm = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(Lm);
        double[] L = Lm.data.clone();
        double[] logH = new double[count];
        forEachBlock(count, parallel, (from, to) -> {
            double[] scratch = target.scratch();
            for (int j = from; j < to; j++) {
                logH[j] = target.logDensity(draws, j * d, scratch);
            }
            return 0;
        });
        boolean[] moved = new boolean[count];
        double scale = 2.38 / Math.sqrt(d);
        long jumps = 0;
        int round = 0;
        while (round < maxRounds) {
            int walks = randomWalkSweep(draws, count, target, logH, moved, L, scale, round, seed, parallel);
            scale *= Math.exp(2 * ((double) walks / count - 0.3));   // towards 0.3, within a factor of 2 per round
            KernelDensityProposal q = KernelDensityProposal.of(draws, count, d, KERNELS);
            int accepted = q == null ? 0 : independenceSweep(draws, count, target, logH, moved, q, round, seed, parallel);
            jumps += accepted;
            round++;
            if (round >= MIN_ROUNDS && movedFraction(moved) >= MOVED && (double) jumps / count >= JUMPS
                    && (double) accepted / count >= ACCEPTANCE) {
                break;
            }
        }
        return round;
    }

    private static int randomWalkSweep(double[] draws, int count, ProductDensity target, double[] logH, boolean[] moved,
                                       double[] L, double step, int sweep, long seed, boolean parallel) {
        int d = target.dimension();
        long sweepSeed = SplitMix64.mix(seed ^ SplitMix64.mix(0x6d6f7665L + sweep));
        return forEachBlock(count, parallel, (from, to) -> {
            double[] scratch = target.scratch();
            double[] xi = new double[d];
            double[] proposal = new double[d];
            int accepts = 0;
            for (int j = from; j < to; j++) {
                SplitMix64 random = new SplitMix64(SplitMix64.mix(sweepSeed ^ SplitMix64.mix(j + 0x6a756d70L)));
                for (int i = 0; i < d; i++) {
                    xi[i] = random.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    double v = draws[j * d + i];
                    for (int k = 0; k <= i; k++) {
                        v += step * L[i * d + k] * xi[k];
                    }
                    proposal[i] = v;
                }
                double logProposal = target.logDensity(proposal, 0, scratch);
                if (Math.log(1 - random.nextDouble()) < logProposal - logH[j]) {
                    System.arraycopy(proposal, 0, draws, j * d, d);
                    logH[j] = logProposal;
                    moved[j] = true;
                    accepts++;
                }
            }
            return accepts;
        });
    }

    /** One independence Metropolis–Hastings sweep from q: the ratio h(y)q(x)/(h(x)q(y)). */
    private static int independenceSweep(double[] draws, int count, ProductDensity target, double[] logH, boolean[] moved,
                                         KernelDensityProposal q, int sweep, long seed, boolean parallel) {
        int d = target.dimension();
        long sweepSeed = SplitMix64.mix(seed ^ SplitMix64.mix(0x696e6465L + sweep));
        return forEachBlock(count, parallel, (from, to) -> {
            double[] scratch = target.scratch();
            double[] y = new double[d];
            double[] zx = new double[d];
            double[] zy = new double[d];
            int accepts = 0;
            for (int j = from; j < to; j++) {
                SplitMix64 random = new SplitMix64(SplitMix64.mix(sweepSeed ^ SplitMix64.mix(j + 0x6b6465L)));
                q.draw(random, zy, y);
                q.whiten(draws, j * d, zx);
                double logY = target.logDensity(y, 0, scratch);
                double logRatio = logY - logH[j] + q.logDensity(zx) - q.logDensity(zy);
                if (Math.log(1 - random.nextDouble()) < logRatio) {
                    System.arraycopy(y, 0, draws, j * d, d);
                    logH[j] = logY;
                    moved[j] = true;
                    accepts++;
                }
            }
            return accepts;
        });
    }

    private static double movedFraction(boolean[] moved) {
        int n = 0;
        for (boolean m : moved) {
            if (m) {
                n++;
            }
        }
        return (double) n / moved.length;
    }

    /** A block [from, to) of draws; returns a count summed over the blocks. */
    private interface BlockTask {
        int run(int from, int to);
    }

    private static int forEachBlock(int count, boolean parallel, BlockTask task) {
        int blocks = (count + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        return (parallel ? range.parallel() : range)
                .map(block -> task.run(block * BLOCK, Math.min(count, (block + 1) * BLOCK)))
                .sum();
    }
}
