package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.kernels.random.SplitMix64;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Resample-move rejuvenation of a fusion node's draws (Gilks &amp; Berzuini 2001): after the node's
 * Monte Carlo Fusion has resampled its tuples, many draws share an ancestor. Every draw then takes a
 * few Metropolis–Hastings steps whose invariant law is the node's target h(θ) = Πᵢ fᵢ(θ) over the
 * sub-posteriors below it — exact, since each fᵢ is a mixture whose density is known — so the
 * draws keep their law and lose most of their duplication. Proposals are random walks
 * θ' = θ + s·Lξ with LLᵀ the draws' covariance; the scale s starts at 2.38/√d and is adapted
 * between sweeps towards an acceptance rate of about 0.3 from the population's acceptance rate
 * (the population, not the draw, so every draw's chain keeps h invariant).
 *
 * <p>Randomness: one SplitMix64 stream per (sweep, draw) from the seed, so the result does not
 * depend on the number of threads.
 */
final class Rejuvenation {

    private static final int BLOCK = 128;

    private Rejuvenation() {
    }

    /**
     * Moves {@code draws} (count × d, row-major) in place.
     *
     * @param sweeps the Metropolis–Hastings steps per draw (0 leaves the draws as they are)
     */
    static void move(double[] draws, int count, List<MixtureLeaf> leaves, int sweeps, long seed, boolean parallel) {
        if (sweeps == 0 || count < 2) {
            return;
        }
        int d = leaves.get(0).dimension();
        double[] covariance = NodeFusion.moments(draws, count, d)[1];
        CholeskySolver cholesky = new CholeskySolver();
        DMatrixRMaj C = DMatrixRMaj.wrap(d, d, covariance.clone());
        for (int i = 0; i < d; i++) {
            C.data[i * d + i] += 1e-12 * (1 + Math.abs(C.data[i * d + i]));
        }
        if (!cholesky.decompose(C)) {
            return;   // degenerate draws (all equal): nothing sensible to scale a move by
        }
        DMatrixRMaj Lm = new DMatrixRMaj(d, d);
        cholesky.lowerFactor(Lm);
        double[] L = Lm.data.clone();
        double[] logH = new double[count];
        IntStream all = IntStream.range(0, (count + BLOCK - 1) / BLOCK);
        (parallel ? all.parallel() : all).forEach(block -> {
            double[] theta = new double[d];
            for (int j = block * BLOCK; j < Math.min(count, (block + 1) * BLOCK); j++) {
                System.arraycopy(draws, j * d, theta, 0, d);
                logH[j] = logTarget(leaves, theta);
            }
        });
        double scale = 2.38 / Math.sqrt(d);
        for (int sweep = 0; sweep < sweeps; sweep++) {
            long sweepSeed = SplitMix64.mix(seed ^ SplitMix64.mix(0x6d6f7665L + sweep));
            double step = scale;
            int[] accepted = new int[(count + BLOCK - 1) / BLOCK];
            IntStream blocks = IntStream.range(0, accepted.length);
            (parallel ? blocks.parallel() : blocks).forEach(block -> {
                double[] xi = new double[d];
                double[] proposal = new double[d];
                int accepts = 0;
                for (int j = block * BLOCK; j < Math.min(count, (block + 1) * BLOCK); j++) {
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
                    double logProposal = logTarget(leaves, proposal);
                    if (Math.log(1 - random.nextDouble()) < logProposal - logH[j]) {
                        System.arraycopy(proposal, 0, draws, j * d, d);
                        logH[j] = logProposal;
                        accepts++;
                    }
                }
                accepted[block] = accepts;
            });
            int total = 0;
            for (int a : accepted) {
                total += a;
            }
            double rate = (double) total / count;
            // towards an acceptance rate of 0.3, within a factor of 2 per sweep
            scale *= Math.exp(2 * (rate - 0.3));
        }
    }

    /** log h(θ) = Σᵢ log fᵢ(θ) over the sub-posteriors below the node. */
    static double logTarget(List<MixtureLeaf> leaves, double[] theta) {
        double sum = 0;
        for (MixtureLeaf leaf : leaves) {
            sum += leaf.logDensity(theta);
        }
        return sum;
    }
}
