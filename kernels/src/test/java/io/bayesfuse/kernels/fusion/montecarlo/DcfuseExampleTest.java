package io.bayesfuse.kernels.fusion.montecarlo;

import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.RuleHarness;
import io.bayesfuse.kernels.fusion.samples.ConsensusMonteCarloRule;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.random.SplitMix64;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reference/dcfuse-example: four 4-component mixtures along a curved ridge whose product is a
 * banana. Scoring as in its README: max_k |mean_k − μ_k|/√C_kk &lt; 0.15 and ‖Ĉ − C‖_F/‖C‖_F &lt; 0.15.
 */
class DcfuseExampleTest {

    /** The exact product's mean and covariance (expected.json, by enumerating all 256 components). */
    static final double[] EXACT_MEAN = {0.11034140706304874, -0.26887194664637093};
    static final double[][] EXACT_COVARIANCE = {{2.627305213269842, -0.5354108912300994}, {-0.5354108912300994, 1.9794318188501063}};

    /** The newest version of each source, as mixtures (kernels/src/test/resources/dcfuse-example-newest.txt). */
    static List<MixtureLeaf> leaves() throws IOException {
        List<MixtureLeaf> leaves = new ArrayList<>();
        try (InputStream in = DcfuseExampleTest.class.getResourceAsStream("/dcfuse-example-newest.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            int p = 0;
            int K = Integer.parseInt(lines[p++].trim());
            for (int s = 0; s < K; s++) {
                int M = Integer.parseInt(lines[p++].trim());
                double[] w = new double[M];
                double[][] mu = new double[M][2];
                double[][][] S = new double[M][2][2];
                for (int k = 0; k < M; k++) {
                    String[] t = lines[p++].trim().split(" ");
                    w[k] = Double.parseDouble(t[0]);
                    mu[k] = new double[]{Double.parseDouble(t[1]), Double.parseDouble(t[2])};
                    S[k] = new double[][]{{Double.parseDouble(t[3]), Double.parseDouble(t[4])}, {Double.parseDouble(t[5]), Double.parseDouble(t[6])}};
                }
                leaves.add(MixtureLeaf.of(w, mu, S));
            }
        }
        return leaves;
    }

    /** max_k |mean_k − μ_k|/√C_kk. */
    static double meanError(double[] mean) {
        double worst = 0;
        for (int k = 0; k < 2; k++) {
            worst = Math.max(worst, Math.abs(mean[k] - EXACT_MEAN[k]) / Math.sqrt(EXACT_COVARIANCE[k][k]));
        }
        return worst;
    }

    /** ‖Ĉ − C‖_F/‖C‖_F. */
    static double covarianceError(double[][] covariance) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                diff += Math.pow(covariance[i][j] - EXACT_COVARIANCE[i][j], 2);
                norm += Math.pow(EXACT_COVARIANCE[i][j], 2);
            }
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void consensusMonteCarloFailsTheCheckOnTheBanana() throws IOException {
        RuleHarness rule = RuleHarness.of(new ConsensusMonteCarloRule());
        SplitMix64 random = new SplitMix64(1);
        int shard = 0;
        for (MixtureLeaf leaf : leaves()) {
            double[][] draws = new double[4000][2];
            double[] flat = new double[2];
            double[] xi = new double[2];
            for (double[] row : draws) {
                leaf.draw(random, flat, 0, xi);
                row[0] = flat[0];
                row[1] = flat[1];
            }
            rule.put("shard-0" + shard++, new SourcePosterior.Samples(draws));
        }
        FusionResult.SamplePosterior r = (FusionResult.SamplePosterior) rule.result();
        // it is exact only for Gaussian sub-posteriors: here the mean is off by about 0.4 sd and the covariance by about 70%
        assertThat(meanError(r.moments().mean())).isGreaterThan(0.15);
        assertThat(covarianceError(r.moments().covariance())).isGreaterThan(0.15);
    }
}
