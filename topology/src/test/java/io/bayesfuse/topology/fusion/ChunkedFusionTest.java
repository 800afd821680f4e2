package io.bayesfuse.topology.fusion;

import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.FusedChunk;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import io.bayesfuse.kernels.fusion.elementwise.DiagonalProductRule;
import io.bayesfuse.kernels.fusion.elementwise.IsotropicPrior;
import io.bayesfuse.kernels.fusion.fisher.FisherRule;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.gaussian.Gaussian;
import io.bayesfuse.kernels.linalg.SymmetricPacking;
import io.bayesfuse.kernels.linalg.CholeskySolver;
import io.bayesfuse.schemas.chunks.ChunkAssembler;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Posteriors too large for one record, fused chunk by chunk on a broker-less driver. */
class ChunkedFusionTest {

    private static SchemaRegistryServer registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.builder().port(0).start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private record Driver(StageDriver d, TestInputTopic<String, PosteriorChunk> in, TestOutputTopic<String, FusedChunk> out)
            implements AutoCloseable {
        void send(PosteriorChunks chunks, int index, long time) {
            in.pipeInput(PosteriorChunks.key(chunks.chunk(index).getQuantityId(), index), chunks.chunk(index), time);
        }

        void sendAll(PosteriorChunks chunks, long time) {
            for (int i = 0; i < chunks.count(); i++) {
                send(chunks, i, time);
            }
        }

        @Override
        public void close() {
            d.close();
        }
    }

    private Driver driver(String yaml) {
        StageDriver d = new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir);
        return new Driver(d, d.input(d.topics.posteriorChunks(), PosteriorChunk.class),
                d.output(d.topics.fusedChunks(), FusedChunk.class));
    }

    private static double[][] fisherModel(Random random, int n) {
        double[] theta = new double[n];
        double[] F = new double[n];
        for (int j = 0; j < n; j++) {
            theta[j] = random.nextGaussian();
            F[j] = random.nextInt(20) == 0 ? 0.0 : Math.exp(2 * random.nextDouble() - 1);
        }
        return new double[][]{theta, F};
    }

    private static ChunkAssembler assemble(String quantity, List<TestRecord<String, FusedChunk>> out) {
        ChunkAssembler assembler = new ChunkAssembler(quantity);
        for (TestRecord<String, FusedChunk> r : out) {
            if (r.value() == null) {
                assembler.remove(Integer.parseInt(r.key().substring(r.key().lastIndexOf('#') + 1)));
            } else {
                assembler.accept(r.value());
            }
        }
        return assembler;
    }

    @Test
    void aFisherModelFusedChunkByChunkEqualsTheKernelsOnEveryChunkAndAssemblesOnceConsistent() {
        Random random = new Random(1);
        int n = 40_000;
        int chunk = 16_384;
        double[][] a = fisherModel(random, n);
        double[][] b = fisherModel(random, n);
        double[][] c = fisherModel(random, n);
        double[][] bNewer = fisherModel(random, n);
        try (Driver d = driver("fusion: {method: fisher}")) {
            d.sendAll(PosteriorChunks.fisher("model", "a", 1, null, a[0], a[1], chunk), 1_000);
            d.sendAll(PosteriorChunks.fisher("model", "b", 1, null, b[0], b[1], chunk), 1_100);
            d.sendAll(PosteriorChunks.fisher("model", "c", 1, null, c[0], c[1], chunk), 1_200);
            PosteriorChunks newer = PosteriorChunks.fisher("model", "b", 2, null, bNewer[0], bNewer[1], chunk);
            d.send(newer, 0, 1_300);
            d.send(newer, 2, 1_300);
            List<TestRecord<String, FusedChunk>> out = d.out().readRecordsToList();
            assertThat(out).hasSize(3 * 3 + 2);
            ChunkAssembler partial = assemble("model", out);
            assertThat(partial.status().consistent()).as("chunk 1 still has b's version 1").isFalse();
            assertThat(partial.status().digests()).hasSize(2);

            d.send(newer, 1, 1_400);
            out.addAll(d.out().readRecordsToList());
            ChunkAssembler assembler = assemble("model", out);
            assertThat(assembler.status().consistent()).isTrue();
            double[][] model = assembler.assemble();

            for (int i = 0; i < 3; i++) {
                int from = i * chunk;
                int to = Math.min(n, from + chunk);
                VersionedFusion direct = new VersionedFusion(new FisherRule());
                direct.update("a", 1, slice(a, from, to));
                direct.update("b", 1, slice(b, from, to));
                direct.update("c", 1, slice(c, from, to));
                direct.update("b", 2, slice(bNewer, from, to));
                FusionResult.FisherPosterior expected = (FusionResult.FisherPosterior) direct.result();
                assertThat(Arrays.copyOfRange(model[0], from, to)).as("chunk " + i + " θ, bit for bit").containsExactly(expected.mean());
                assertThat(Arrays.copyOfRange(model[1], from, to)).containsExactly(expected.fisherDiagonal());
            }
            FusedChunk last = out.get(out.size() - 1).value();
            assertThat(last.getSources()).containsExactly(java.util.Map.entry("a", 1L), java.util.Map.entry("b", 2L),
                    java.util.Map.entry("c", 1L));
            assertThat(last.getChunkCount()).isEqualTo(3);
        }
    }

    private static SourcePosterior.Fisher slice(double[][] model, int from, int to) {
        return new SourcePosterior.Fisher(Arrays.copyOfRange(model[0], from, to), Arrays.copyOfRange(model[1], from, to));
    }

    @Test
    void retractingASourceFromEveryChunkEqualsNeverHavingHadIt() {
        Random random = new Random(2);
        int n = 10_000;
        double[][] a = fisherModel(random, n);
        double[][] b = fisherModel(random, n);
        List<FusedChunk> withRetraction;
        List<FusedChunk> without;
        try (Driver d = driver("fusion: {method: fisher}")) {
            d.sendAll(PosteriorChunks.fisher("m", "a", 1, null, a[0], a[1], 4_000), 1_000);
            d.sendAll(PosteriorChunks.fisher("m", "b", 1, null, b[0], b[1], 4_000), 1_100);
            d.sendAll(PosteriorChunks.retraction("m", "b", 2, null, n, 4_000), 1_200);
            List<FusedChunk> all = d.out().readValuesToList();
            withRetraction = all.subList(all.size() - 3, all.size());
        }
        try (Driver d = driver("fusion: {method: fisher}")) {
            d.sendAll(PosteriorChunks.fisher("m", "a", 1, null, a[0], a[1], 4_000), 1_000);
            without = d.out().readValuesToList();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(withRetraction.get(i).getPosterior()).isEqualTo(without.get(i).getPosterior());
            assertThat(withRetraction.get(i).getSourcesDigest()).isEqualTo(without.get(i).getSourcesDigest());
        }
    }

    @Test
    void diagonalGaussianChunksWithAnIsotropicPriorFuseLikeTheWholeVector() {
        Random random = new Random(3);
        int n = 9_000;
        IsotropicPrior prior = new IsotropicPrior(0.25, 9.0);
        double[][] sources = new double[3 * 2][n];
        for (double[] row : sources) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble() + 0.1;
            }
        }
        try (Driver d = driver("fusion: {method: product, prior: {isotropic: {mean: 0.25, variance: 9.0}}}")) {
            VersionedFusion whole = new VersionedFusion(new DiagonalProductRule(prior));
            for (int k = 0; k < 3; k++) {
                d.sendAll(PosteriorChunks.diagonal("w", "s" + k, 1, null, sources[2 * k], sources[2 * k + 1], 4_096), 1_000 + k);
                whole.update("s" + k, 1, new SourcePosterior.DiagonalCovariance(sources[2 * k], sources[2 * k + 1]));
            }
            double[][] model = assemble("w", d.out().readRecordsToList()).assemble();
            FusionResult.DiagonalPosterior expected = (FusionResult.DiagonalPosterior) whole.result();
            assertThat(model[0]).containsExactly(expected.mean());
            assertThat(model[1]).containsExactly(expected.variances());
        }
    }

    @Test
    void informationSlicesOfADenseGaussianAssembleIntoTheProduct() {
        Random random = new Random(4);
        int dimension = 40;
        IsotropicPrior prior = new IsotropicPrior(0.0, 4.0);
        try (Driver d = driver("fusion: {method: product, prior: {isotropic: {variance: 4.0}}}")) {
            VersionedFusion whole = new VersionedFusion(new ProductRule(prior, Integer.MAX_VALUE));
            for (int k = 0; k < 3; k++) {
                double[][] P = spd(random, dimension);
                double[] x = new double[dimension];
                for (int j = 0; j < dimension; j++) {
                    x[j] = random.nextGaussian();
                }
                SourcePosterior.Covariance posterior = new SourcePosterior.Covariance(x, P);
                whole.update("s" + k, 1, posterior);
                SourcePosterior.Information info = (SourcePosterior.Information) whole.posterior("s" + k);
                double[] precision = new double[dimension * dimension];
                for (int i = 0; i < dimension; i++) {
                    System.arraycopy(info.precision()[i], 0, precision, i * dimension, dimension);
                }
                double[] flat = PosteriorChunks.flatten(precision, info.informationVector(), dimension);
                d.sendAll(PosteriorChunks.information("big", "s" + k, 1, null, dimension, flat, 300), 1_000 + k);
            }
            ChunkAssembler assembler = assemble("big", d.out().readRecordsToList());
            assertThat(assembler.status().chunkCount()).isEqualTo(3);
            double[] flat = assembler.assemble()[0];
            int packed = SymmetricPacking.packedLength(dimension);
            DMatrixRMaj Lambda = DMatrixRMaj.wrap(dimension, dimension, SymmetricPacking.unpack(Arrays.copyOf(flat, packed), dimension));
            DMatrixRMaj eta = DMatrixRMaj.wrap(dimension, 1, Arrays.copyOfRange(flat, packed, flat.length));
            CholeskySolver cholesky = new CholeskySolver();
            assertThat(cholesky.decompose(Lambda)).isTrue();
            DMatrixRMaj mean = new DMatrixRMaj(dimension, 1);
            cholesky.solve(eta, mean);
            Gaussian expected = ((FusionResult.GaussianPosterior) whole.result()).posterior();
            for (int j = 0; j < dimension; j++) {
                assertThat(mean.get(j)).isCloseTo(expected.mean()[j], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    /** A random covariance A Aᵀ/d + I/2. */
    private static double[][] spd(Random random, int d) {
        double[][] A = new double[d][d];
        for (double[] row : A) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] P = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) {
                    v += A[i][k] * A[j][k];
                }
                P[i][j] = v / d + (i == j ? 0.5 : 0);
            }
        }
        return P;
    }

    @Test
    void chunksThatDoNotFitAreDeadLetteredWithAReason() {
        try (Driver d = driver("""
                fusion: {method: fisher}
                quantities:
                  tracked: {method: covariance-intersection}
                """)) {
            PosteriorChunks model = PosteriorChunks.fisher("m", "a", 1, null, new double[100], new double[100], 40);
            d.in().pipeInput("m#7", model.chunk(1), 1_000);
            PosteriorChunks other = PosteriorChunks.fisher("m", "b", 1, null, new double[120], new double[120], 40);
            d.send(model, 0, 1_000);
            d.send(other, 0, 1_000);
            d.send(PosteriorChunks.fisher("tracked", "a", 1, null, new double[10], new double[10], 5), 0, 1_000);
            d.send(model, 0, 1_100);
            List<DeadLetter> letters = d.d().deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.KEY_MISMATCH,
                    DeadLetterReason.WRONG_DIMENSION, DeadLetterReason.UNKNOWN_METHOD, DeadLetterReason.STALE_VERSION);
            assertThat(letters.get(1).getMessage()).contains("the quantity's chunk lies at");
            assertThat(letters.get(2).getMessage()).contains("cannot fuse a chunk");
        }
    }

    @Test
    void chunksOfAQuantityWithTrustAreDeadLetteredNamingTheSetting() {
        try (Driver d = driver("""
                fusion: {method: fisher}
                quantities:
                  trusted: {method: fisher, trust: {action: quarantine}}
                """)) {
            d.send(PosteriorChunks.fisher("trusted", "a", 1, null, new double[100], new double[100], 40), 0, 1_000);
            d.send(PosteriorChunks.fisher("plain", "a", 1, null, new double[100], new double[100], 40), 0, 1_000);
            List<DeadLetter> letters = d.d().deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.UNKNOWN_METHOD);
            assertThat(letters.get(0).getMessage()).contains("quantity 'trusted'", "quantities.trusted.trust",
                    "chunked posteriors cannot honour");
            assertThat(d.out().readValuesToList()).extracting(FusedChunk::getQuantityId).containsExactly("plain");
        }
    }
}
