package io.bayesfuse.topology.learning;

import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.DeadLetter;
import io.bayesfuse.avro.DeadLetterReason;
import io.bayesfuse.avro.DiagonalCovariance;
import io.bayesfuse.avro.Example;
import io.bayesfuse.avro.FusedPosterior;
import io.bayesfuse.avro.GaussianPosterior;
import io.bayesfuse.avro.InformationForm;
import io.bayesfuse.avro.ModelSettings;
import io.bayesfuse.avro.PosteriorChunk;
import io.bayesfuse.avro.PosteriorUpdate;
import io.bayesfuse.kernels.learning.CovarianceForm;
import io.bayesfuse.kernels.learning.FeatureVector;
import io.bayesfuse.kernels.learning.Prediction;
import io.bayesfuse.kernels.learning.lowrank.LowRankLearner;
import io.bayesfuse.schemas.chunks.PosteriorChunks;
import io.bayesfuse.topology.BayesfuseTopology;
import io.bayesfuse.kernels.learning.LabelledExample;
import io.bayesfuse.kernels.learning.assembly.Learners;
import io.bayesfuse.kernels.learning.OnlineLearner;
import io.bayesfuse.kernels.learning.WeightPosterior;
import io.bayesfuse.schemas.registry.server.SchemaRegistryServer;
import io.bayesfuse.topology.StageDriver;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The learner stage on a broker-less driver: examples in, the learners' posteriors out, bad examples dead-lettered. */
class LearnerStageTest {

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

    private static final String LINEAR = """
            application: {site: site-a}
            models:
              prices:
                type: linear
                features: 3
                bias: true
                prior: {mean: 0, variance: 10}
                noise: {variance: 0.5, strength: 2}
                batch: 4
              churn:
                type: softmax
                classes: 3
                features: 2
                batch: 2
            """;

    private record Driver(StageDriver d, TestInputTopic<String, Example> examples, TestOutputTopic<String, PosteriorUpdate> updates,
                          TestOutputTopic<String, PosteriorChunk> chunks) implements AutoCloseable {
        @Override
        public void close() {
            d.close();
        }
    }

    /** Batches flushed by size only, unless a test says otherwise (stream time: an hour between examples is never reached). */
    private static final String BY_SIZE = "learning: {flushAfterMillis: 3600000}\n";

    private Driver driver(String yaml) {
        return driverOf(yaml.contains("learning:") ? yaml : yaml + BY_SIZE);
    }

    private Driver driverOf(String yaml) {
        StageDriver d = new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), stateDir);
        return new Driver(d, d.input(d.topics.examples(), Example.class), d.output(d.topics.posteriorUpdates(), PosteriorUpdate.class),
                d.output(d.topics.posteriorChunks(), PosteriorChunk.class));
    }

    private static Example dense(String model, double[] x, double y, long time) {
        List<Double> features = new ArrayList<>();
        for (double v : x) {
            features.add(v);
        }
        return Example.newBuilder().setModelId(model).setFeatures(features).setTarget(y).setTimestamp(Instant.ofEpochMilli(time))
                .build();
    }

    private static List<LabelledExample> regression(long seed, int n, int d) {
        Random random = new Random(seed);
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            double y = 0.3;
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
                y += (j + 1) * x[j];
            }
            examples.add(new LabelledExample(new FeatureVector.Dense(x), y + 0.7 * random.nextGaussian(), 1.0, 1_000L * (i + 1)));
        }
        return examples;
    }

    private static void send(Driver d, String model, List<LabelledExample> examples) {
        for (LabelledExample e : examples) {
            d.examples().pipeInput(model, dense(model, e.x().toArray(), e.target(), e.time()), e.time());
        }
    }

    /** The kernels' learner over the same examples in the same batches. */
    private static WeightPosterior kernelPosterior(BayesfuseConfig config, String model, List<LabelledExample> examples) {
        var settings = config.models().get(model);
        try (OnlineLearner learner = Learners.create(settings.toSpec(), config.learning().nd4jFromDimensionOrDefault())) {
            WeightPosterior posterior = learner.prior();
            int batch = settings.batchOrDefault();
            for (int i = 0; i + batch <= examples.size(); i += batch) {
                learner.learn(posterior, examples.subList(i, i + batch));
            }
            return posterior;
        }
    }

    private static double[] unpacked(WeightPosterior p) {
        int D = p.dimension();
        double[] full = new double[D * D];
        for (int i = 0, k = 0; i < D; i++) {
            for (int j = i; j < D; j++, k++) {
                full[i * D + j] = p.precision()[k];
                full[j * D + i] = p.precision()[k];
            }
        }
        return full;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void everyFullBatchPublishesThePosteriorTheKernelsLearnFromTheSameExamples() {
        List<LabelledExample> examples = regression(1, 10, 3);
        try (Driver d = driver(LINEAR)) {
            send(d, "prices", examples);
            List<PosteriorUpdate> updates = d.updates().readValuesToList();
            assertThat(updates).extracting(PosteriorUpdate::getVersion).containsExactly(1L, 2L);
            PosteriorUpdate last = updates.get(1);
            assertThat(last.getQuantityId()).isEqualTo("prices");
            assertThat(last.getSourceId()).isEqualTo("site-a");
            assertThat(last.getTimestamp()).isEqualTo(Instant.ofEpochMilli(8_000));
            InformationForm information = (InformationForm) ((GaussianPosterior) last.getPosterior()).getCovariance();
            WeightPosterior expected = kernelPosterior(ConfigLoader.parse(LINEAR, "test"), "prices", examples.subList(0, 8));
            assertThat(information.getPrecision().getRows()).isEqualTo(4);
            assertThat(array(information.getPrecision().getValues())).containsExactly(unpacked(expected));
            assertThat(array(information.getInformation())).containsExactly(expected.information());
        }
    }

    @Test
    void badExamplesAreDeadLetteredWithTheirReasonsAndTheGoodOnesStillCount() {
        try (Driver d = driver(LINEAR)) {
            d.examples().pipeInput("houses", dense("houses", new double[]{1, 2, 3}, 1, 1), 1);
            d.examples().pipeInput("prices", dense("prices", new double[]{1, 2}, 1, 2), 2);
            d.examples().pipeInput("prices", dense("prices", new double[]{1, Double.NaN, 3}, 1, 3), 3);
            d.examples().pipeInput("prices", dense("prices", new double[]{1, 2, 3}, Double.POSITIVE_INFINITY, 4), 4);
            d.examples().pipeInput("churn", dense("churn", new double[]{1, 2}, 3, 5), 5);
            d.examples().pipeInput("churn", dense("churn", new double[]{1, 2}, 0.5, 6), 6);
            d.examples().pipeInput("prices", Example.newBuilder().setModelId("prices").setIndices(List.of(0, 3))
                    .setValues(List.of(1.0, 2.0)).setTarget(1).build(), 7);
            d.examples().pipeInput("prices", dense("churn", new double[]{1, 2, 3}, 1, 8), 8);
            d.examples().pipeInput("prices", Example.newBuilder().setModelId("prices").setFeatures(List.of(1.0, 2.0, 3.0))
                    .setTarget(1).setWeight(-1.0).build(), 9);
            List<DeadLetter> letters = d.d().deadLetters.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.UNKNOWN_MODEL,
                    DeadLetterReason.WRONG_DIMENSION, DeadLetterReason.NON_FINITE, DeadLetterReason.INVALID_TARGET,
                    DeadLetterReason.INVALID_TARGET, DeadLetterReason.INVALID_TARGET, DeadLetterReason.WRONG_DIMENSION,
                    DeadLetterReason.KEY_MISMATCH, DeadLetterReason.OTHER);
            assertThat(letters.get(1).getMessage()).isEqualTo("example of model 'prices': 2 features, the model has 3");
            assertThat(letters.get(4).getMessage()).contains("target 3.0 is not a class index 0..2");
            assertThat(letters.get(6).getMessage()).contains("index 3 is outside [0, 3)");
            assertThat(d.updates().isEmpty()).isTrue();

            // none of them entered a batch: four good examples make the first one
            List<LabelledExample> good = regression(2, 4, 3);
            send(d, "prices", good);
            assertThat(d.updates().readValuesToList()).hasSize(1);
            assertThat(d.d().deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void sparseExamplesTeachWhatTheirDenseEqualsTeach() {
        List<LabelledExample> examples = regression(3, 4, 3);
        PosteriorUpdate fromDense;
        try (Driver d = driver(LINEAR)) {
            send(d, "prices", examples);
            fromDense = d.updates().readValue();
        }
        try (Driver d = driver(LINEAR)) {
            for (LabelledExample e : examples) {
                double[] x = e.x().toArray();
                d.examples().pipeInput("prices", Example.newBuilder().setModelId("prices").setIndices(List.of(2, 0, 1))
                        .setValues(List.of(x[2], x[0], x[1])).setDimension(3).setTarget(e.target())
                        .setTimestamp(Instant.ofEpochMilli(e.time())).build(), e.time());
            }
            PosteriorUpdate fromSparse = d.updates().readValue();
            InformationForm a = (InformationForm) ((GaussianPosterior) fromDense.getPosterior()).getCovariance();
            InformationForm b = (InformationForm) ((GaussianPosterior) fromSparse.getPosterior()).getCovariance();
            assertThat(array(b.getPrecision().getValues())).containsExactly(array(a.getPrecision().getValues()),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(array(b.getInformation())).containsExactly(array(a.getInformation()), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aLargeModelIsPublishedInChunksOfItsPackedInformationForm() {
        String yaml = """
                application: {site: site-b}
                models:
                  wide: {type: linear, features: 199, noise: {variance: 1.0, known: true}, batch: 8}
                learning: {nd4jFromDimension: 64, flushAfterMillis: 3600000}
                """;
        List<LabelledExample> examples = regression(4, 8, 199);
        try (Driver d = driver(yaml)) {
            send(d, "wide", examples);
            assertThat(d.updates().isEmpty()).isTrue();
            List<PosteriorChunk> chunks = d.chunks().readValuesToList();
            WeightPosterior expected = kernelPosterior(ConfigLoader.parse(yaml, "test"), "wide", examples);
            int packed = expected.precision().length;
            assertThat(chunks).hasSize(2);
            assertThat(chunks.get(0).getLength()).isEqualTo(packed + 199L);
            List<Double> flat = new ArrayList<>();
            chunks.forEach(c -> flat.addAll(((io.bayesfuse.avro.InformationSlice) c.getPosterior()).getValues()));
            double[] all = array(flat);
            assertThat(java.util.Arrays.copyOfRange(all, 0, packed)).containsExactly(expected.precision());
            assertThat(java.util.Arrays.copyOfRange(all, packed, all.length)).containsExactly(expected.information());
        }
    }

    @Test
    void twoSitesLearnersFusedWithTheirPriorDividedOutEqualOneLearnerOverAllTheirData() {
        String learner = """
                application: {site: %s}
                models:
                  prices: {type: linear, features: 3, prior: {mean: 0, variance: 4}, noise: {variance: 0.5, known: true}, batch: 5}
                """;
        List<LabelledExample> all = regression(5, 20, 3);
        List<PosteriorUpdate> published = new ArrayList<>();
        for (String site : List.of("a", "b")) {
            try (Driver d = driver(learner.formatted(site))) {
                send(d, "prices", site.equals("a") ? all.subList(0, 10) : all.subList(10, 20));
                published.addAll(d.updates().readValuesToList());
            }
        }
        String fusion = """
                quantities:
                  prices: {method: product, prior: {mean: [0, 0, 0], covariance: [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}}
                """;
        StageDriver f = new StageDriver(ConfigLoader.parse(fusion, "test"), registry.url(), stateDir.resolve("fusion"));
        try (f) {
            published.forEach(u -> f.posteriorUpdates.pipeInput("prices", u, u.getTimestamp().toEpochMilli()));
            List<FusedPosterior> fused = f.fused.readValuesToList();
            FusedPosterior last = fused.get(fused.size() - 1);
            WeightPosterior one = kernelPosterior(ConfigLoader.parse(learner.formatted("one"), "test"), "prices", all);
            double[] mean;
            try (OnlineLearner l = Learners.create(ConfigLoader.parse(learner.formatted("one"), "test").models().get("prices").toSpec(),
                    Integer.MAX_VALUE)) {
                mean = l.summarise(one, 3).mean();
            }
            assertThat(array(((GaussianPosterior) last.getPosterior()).getMean())).containsExactly(mean, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aBatchThatDoesNotFillIsLearnedOnceStreamTimeIsItsFlushIntervalPastItsFirstExample() {
        String yaml = LINEAR + "learning: {flushAfterMillis: 2500}\n";
        List<LabelledExample> examples = regression(6, 2, 3);   // at 1,000 and 2,000 ms: half a batch of 4
        try (Driver d = driverOf(yaml)) {
            send(d, "prices", examples);
            assertThat(d.updates().isEmpty()).isTrue();
            // another model's example moves the task's stream time to 3,000: not yet 1,000 + 2,500
            d.examples().pipeInput("churn", dense("churn", new double[]{1, 2}, 0, 3_000), 3_000);
            assertThat(d.updates().isEmpty()).isTrue();
            d.examples().pipeInput("churn", dense("churn", new double[]{2, 1}, 1, 3_500), 3_500);
            List<PosteriorUpdate> updates = d.updates().readValuesToList();
            assertThat(updates).extracting(u -> u.getQuantityId().toString()).containsExactly("prices", "churn");
            PosteriorUpdate prices = updates.get(0);
            assertThat(prices.getVersion()).isEqualTo(1L);
            assertThat(prices.getTimestamp()).isEqualTo(Instant.ofEpochMilli(2_000));
            InformationForm information = (InformationForm) ((GaussianPosterior) prices.getPosterior()).getCovariance();
            BayesfuseConfig config = ConfigLoader.parse(yaml, "test");
            WeightPosterior expected;
            try (OnlineLearner learner = Learners.create(config.models().get("prices").toSpec(), Integer.MAX_VALUE)) {
                expected = learner.prior();
                learner.learn(expected, examples);
            }
            assertThat(array(information.getInformation())).containsExactly(expected.information());
        }
    }

    @Test
    void aModelAddedOnTheConfigTopicLearnsWithoutARestartAndAChangedBatchSizeCountsFromTheNextExample() {
        try (Driver d = driver(LINEAR)) {
            d.examples().pipeInput("houses", dense("houses", new double[]{1, 2}, 1, 1), 1);
            assertThat(d.d().deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
                    .containsExactly(DeadLetterReason.UNKNOWN_MODEL);
            d.d().config.pipeInput("model/houses", ConfigRecord.newBuilder().setKind(ConfigKind.MODEL).setId("houses")
                    .setSettings(ModelSettings.newBuilder().setType("linear").setFeatures(2).setNoiseVariance(1.0)
                            .setNoiseKnown(true).setBatch(2).build()).build());
            send(d, "houses", regression(7, 2, 2));
            assertThat(d.updates().readValuesToList()).extracting(u -> u.getQuantityId().toString()).containsExactly("houses");
            assertThat(d.d().deadLetters.isEmpty()).isTrue();

            // prices learns in batches of 4; from now on of 1
            send(d, "prices", regression(8, 1, 3));
            assertThat(d.updates().isEmpty()).isTrue();
            d.d().config.pipeInput("model/prices", ConfigRecord.newBuilder().setKind(ConfigKind.MODEL).setId("prices")
                    .setSettings(ModelSettings.newBuilder().setType("linear").setFeatures(3).setBias(true).setPriorMean(0.0)
                            .setPriorVariance(10.0).setNoiseVariance(0.5).setNoiseStrength(2.0).setBatch(1).build()).build());
            send(d, "prices", regression(9, 1, 3));
            assertThat(d.updates().readValuesToList()).extracting(PosteriorUpdate::getVersion).containsExactly(1L);
        }
    }

    @Test
    void aModelRecordThatDoesNotFitIsRefusedAndTheModelKeepsLearningWithItsSettings() {
        try (Driver d = driver(LINEAR)) {
            d.d().config.pipeInput("model/prices", ConfigRecord.newBuilder().setKind(ConfigKind.MODEL).setId("prices")
                    .setSettings(ModelSettings.newBuilder().setType("linear").setFeatures(3).setInference("laplace").build()).build());
            assertThat(d.d().deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
                    .containsExactly(DeadLetterReason.INVALID_CONFIG);
            send(d, "prices", regression(10, 4, 3));
            assertThat(d.updates().readValuesToList()).hasSize(1);
        }
    }

    @Test
    void aModelWithSettingsThatDoNotFitIsRefusedAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                models:
                  churn: {type: logistic, features: 0, noise: {variance: 1}}
                  prices: {type: linear, features: 2, inference: laplace, covariance: diagonal}
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models.churn.features")
                .hasMessageContaining("models.churn.noise")
                .hasMessageContaining("models.prices.inference")
                .hasMessageContaining("models.prices.noise.known");
    }

    private static final String LOW_RANK = """
            application: {site: site-a}
            models:
              clicks:
                type: logistic
                features: 12
                bias: true
                covariance: low-rank
                rank: 3
                batch: 4
              prices:
                type: linear
                features: 10
                covariance: low-rank
                rank: 2
                noise: {variance: 0.5, known: true}
                forgettingHalfLifeMillis: 20000
                batch: 5
            learning: {nd4jFromDimension: 11, flushAfterMillis: 3600000}
            """;

    /** Labelled 0/1 by the sign of a fixed linear score plus noise. */
    private static List<LabelledExample> classification(long seed, int n, int d) {
        Random random = new Random(seed);
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            double score = 0.2;
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
                score += (j % 3 - 1) * x[j];
            }
            examples.add(new LabelledExample(new FeatureVector.Dense(x), score + 0.5 * random.nextGaussian() > 0 ? 1 : 0, 1.0,
                    1_000L * (i + 1)));
        }
        return examples;
    }

    private static WeightPosterior stored(Driver d, String model) {
        return LearnerStores.readPosterior(d.d().driver.getKeyValueStore(BayesfuseTopology.LEARNER_STORE), model);
    }

    private static LowRankLearner lowRankLearner(BayesfuseConfig config, String model) {
        return (LowRankLearner) Learners.create(config.models().get(model).toSpec(), config.learning().nd4jFromDimensionOrDefault());
    }

    @Test
    void aLowRankModelStoresThePosteriorTheKernelsLearnAndPublishesItsExactMeansAndMarginalVariances() {
        BayesfuseConfig config = ConfigLoader.parse(LOW_RANK, "test");
        List<LabelledExample> clicks = classification(11, 12, 12);   // D = 13: the ND4J path (nd4jFromDimension 11)
        List<LabelledExample> prices = regression(12, 10, 10);       // D = 10: the plain path, with forgetting
        try (Driver d = driver(LOW_RANK); LowRankLearner clicksLearner = lowRankLearner(config, "clicks");
             LowRankLearner pricesLearner = lowRankLearner(config, "prices")) {
            send(d, "clicks", clicks);
            send(d, "prices", prices);
            List<PosteriorUpdate> updates = d.updates().readValuesToList();
            assertThat(updates).extracting(u -> u.getQuantityId() + " v" + u.getVersion())
                    .containsExactly("clicks v1", "clicks v2", "clicks v3", "prices v1", "prices v2");
            for (String model : List.of("clicks", "prices")) {
                LowRankLearner learner = model.equals("clicks") ? clicksLearner : pricesLearner;
                WeightPosterior expected = kernelPosterior(config, model, model.equals("clicks") ? clicks : prices);
                WeightPosterior actual = stored(d, model);
                assertThat(actual.form()).isEqualTo(CovarianceForm.LOW_RANK);
                assertThat(actual.rank()).isEqualTo(model.equals("clicks") ? 3 : 2);
                assertThat(actual.precision()).as(model + ": δ and V, bit for bit").containsExactly(expected.precision());
                assertThat(actual.information()).as(model + ": η, bit for bit").containsExactly(expected.information());
                assertThat(actual.version()).isEqualTo(expected.version());
                assertThat(actual.examples()).isEqualTo(expected.examples());

                PosteriorUpdate last = updates.stream().filter(u -> model.equals(u.getQuantityId().toString())).reduce((a, b) -> b).orElseThrow();
                GaussianPosterior published = (GaussianPosterior) last.getPosterior();
                assertThat(array(published.getMean())).containsExactly(learner.mean(expected));
                assertThat(array(((DiagonalCovariance) published.getCovariance()).getVariances()))
                        .containsExactly(learner.marginalVariances(expected));
            }
        }
    }

    @Test
    void theModelQueriesOfALowRankModelAnswerWithTheKernelsSummaryAndPrediction() {
        BayesfuseConfig config = ConfigLoader.parse(LOW_RANK, "test");
        List<LabelledExample> clicks = classification(13, 8, 12);
        try (Driver d = driver(LOW_RANK); LowRankLearner learner = lowRankLearner(config, "clicks")) {
            send(d, "clicks", clicks);
            WeightPosterior expected = kernelPosterior(config, "clicks", clicks);
            var store = d.d().driver.<String, byte[]>getKeyValueStore(BayesfuseTopology.LEARNER_STORE);
            ModelReader reader = new ModelReader(config);
            ModelReader.ModelView view = reader.summary("clicks", store, null, 5);
            assertThat(view.posterior().rank()).isEqualTo(3);
            assertThat(view.summary().mean()).containsExactly(learner.mean(expected));
            assertThat(view.summary().sd()).containsExactly(learner.summarise(expected, 5).sd());
            double[] x = clicks.get(0).x().toArray();
            Prediction p = reader.predict("clicks", dense("clicks", x, 0, 0), store, null);
            assertThat(p.probabilities()).containsExactly(learner.predict(expected, new FeatureVector.Dense(x)).probabilities());
        }
    }

    @Test
    void aLowRankModelTooWideForOneRecordIsPublishedAsPosteriorChunksOfItsMeansAndMarginalVariances() {
        String yaml = """
                application: {site: site-c}
                models:
                  wide: {type: softmax, classes: 3, features: 3000, covariance: low-rank, rank: 2, batch: 2}
                learning: {flushAfterMillis: 3600000}
                """;
        BayesfuseConfig config = ConfigLoader.parse(yaml, "test");
        List<LabelledExample> examples = new ArrayList<>();
        Random random = new Random(14);
        for (int i = 0; i < 2; i++) {
            double[] x = new double[3000];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian() / 50;
            }
            examples.add(new LabelledExample(new FeatureVector.Dense(x), i + 1, 1.0, 1_000L * (i + 1)));
        }
        try (Driver d = driver(yaml); LowRankLearner learner = lowRankLearner(config, "wide")) {
            send(d, "wide", examples);
            assertThat(d.updates().isEmpty()).isTrue();
            List<PosteriorChunk> chunks = d.chunks().readValuesToList();
            WeightPosterior expected = kernelPosterior(config, "wide", examples);
            PosteriorChunks want = PosteriorChunks.diagonal("wide", "site-c", 1, Instant.ofEpochMilli(2_000), learner.mean(expected),
                    learner.marginalVariances(expected), PosteriorChunks.DEFAULT_CHUNK_VALUES);
            assertThat(chunks).hasSize(want.count());
            for (int i = 0; i < chunks.size(); i++) {
                assertThat(chunks.get(i)).as("chunk " + i).isEqualTo(want.chunk(i));
            }
        }
    }

    @Test
    void aLowRankModelAddedOnTheConfigTopicLearnsWithItsRank() {
        try (Driver d = driver(LINEAR)) {
            d.d().config.pipeInput("model/clicks", ConfigRecord.newBuilder().setKind(ConfigKind.MODEL).setId("clicks")
                    .setSettings(ModelSettings.newBuilder().setType("logistic").setFeatures(5).setCovariance("low-rank").setRank(2)
                            .setBatch(3).build()).build());
            send(d, "clicks", classification(15, 3, 5));
            assertThat(d.d().deadLetters.isEmpty()).isTrue();
            assertThat(d.updates().readValue().getPosterior()).isInstanceOfSatisfying(GaussianPosterior.class,
                    g -> assertThat(g.getCovariance()).isInstanceOf(DiagonalCovariance.class));
            assertThat(stored(d, "clicks").rank()).isEqualTo(2);

            // a rank with a dense model is refused and the model keeps its settings
            d.d().config.pipeInput("model/clicks", ConfigRecord.newBuilder().setKind(ConfigKind.MODEL).setId("clicks")
                    .setSettings(ModelSettings.newBuilder().setType("logistic").setFeatures(5).setRank(2).build()).build());
            List<DeadLetter> refused = d.d().deadLetters.readValuesToList();
            assertThat(refused).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.INVALID_CONFIG);
            assertThat(refused.get(0).getMessage()).contains("models.clicks.rank");
            send(d, "clicks", classification(16, 3, 5));
            assertThat(stored(d, "clicks").rank()).isEqualTo(2);
            assertThat(stored(d, "clicks").version()).isEqualTo(2);
        }
    }

    @Test
    void aLowRankLearnerRestoredFromItsChangelogsContinuesExactlyAsAnUninterruptedOne() {
        List<LabelledExample> clicks = classification(17, 22, 12);
        List<LabelledExample> prices = regression(18, 22, 10);
        List<PosteriorUpdate> uninterrupted;
        try (Driver d = driverAt(LOW_RANK, stateDir.resolve("reference"))) {
            send(d, "clicks", clicks);
            send(d, "prices", prices);
            uninterrupted = d.updates().readValuesToList();
        }
        // the first run stops with half-gathered batches of both models (11 = 2·4 + 3 and 2·5 + 1)
        List<PosteriorUpdate> resumed = new ArrayList<>();
        java.util.Map<String, List<org.apache.kafka.streams.test.TestRecord<String, byte[]>>> changelogs = new java.util.LinkedHashMap<>();
        try (Driver d = driverAt(LOW_RANK, stateDir.resolve("first"))) {
            send(d, "clicks", clicks.subList(0, 11));
            send(d, "prices", prices.subList(0, 11));
            resumed.addAll(d.updates().readValuesToList());
            for (String store : LEARNER_STORES) {
                String topic = d.d().driver.producedTopicNames().stream().filter(t -> t.endsWith("-" + store + "-changelog"))
                        .findFirst().orElseThrow();
                changelogs.put(store, d.d().driver.createOutputTopic(topic, org.apache.kafka.common.serialization.Serdes.String()
                        .deserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList());
            }
        }
        assertThat(changelogs.get(BayesfuseTopology.LEARNER_BATCH_STORE)).as("the gathered examples are in the changelog").isNotEmpty();
        try (Driver d = driverAt(LOW_RANK, stateDir.resolve("second"))) {
            changelogs.forEach((store, records) -> {
                org.apache.kafka.streams.state.KeyValueStore<String, byte[]> s = d.d().driver.getKeyValueStore(store);
                records.forEach(r -> {
                    if (r.value() == null) {
                        s.delete(r.key());
                    } else {
                        s.put(r.key(), r.value());
                    }
                });
            });
            send(d, "clicks", clicks.subList(11, 22));
            send(d, "prices", prices.subList(11, 22));
            resumed.addAll(d.updates().readValuesToList());
        }
        // the interleaving differs (the models were sent one after the other in each run), so compare per model
        for (String model : List.of("clicks", "prices")) {
            assertThat(resumed.stream().filter(u -> model.equals(u.getQuantityId().toString())).toList()).as(model + ", bit for bit")
                    .isEqualTo(uninterrupted.stream().filter(u -> model.equals(u.getQuantityId().toString())).toList())
                    .hasSize(model.equals("clicks") ? 5 : 4);
        }
    }

    @Test
    void twoSitesLowRankPublicationsAreFusedWeightByWeightWithThePriorDividedOut() {
        String learner = """
                application: {site: %s}
                models:
                  prices: {type: linear, features: 4, covariance: low-rank, rank: 2, prior: {mean: 0, variance: 4},
                           noise: {variance: 0.5, known: true}, batch: 5}
                """;
        List<LabelledExample> all = regression(19, 20, 4);
        List<PosteriorUpdate> published = new ArrayList<>();
        for (String site : List.of("a", "b")) {
            try (Driver d = driverAt(learner.formatted(site) + BY_SIZE, stateDir.resolve(site))) {
                send(d, "prices", site.equals("a") ? all.subList(0, 10) : all.subList(10, 20));
                published.addAll(d.updates().readValuesToList());
            }
        }
        assertThat(published).extracting(u -> u.getSourceId() + " v" + u.getVersion()).containsExactly("a v1", "a v2", "b v1", "b v2");
        for (PosteriorUpdate u : published) {
            assertThat(((GaussianPosterior) u.getPosterior()).getCovariance()).isInstanceOf(DiagonalCovariance.class);
        }
        String fusion = """
                quantities:
                  prices: {method: product, prior: {mean: [0, 0, 0, 0], covariance: [[4, 0, 0, 0], [0, 4, 0, 0], [0, 0, 4, 0], [0, 0, 0, 4]]}}
                """;
        StageDriver f = new StageDriver(ConfigLoader.parse(fusion, "test"), registry.url(), stateDir.resolve("fusion"));
        try (f) {
            published.forEach(u -> f.posteriorUpdates.pipeInput("prices", u, u.getTimestamp().toEpochMilli()));
            assertThat(f.deadLetters.isEmpty()).isTrue();
            List<FusedPosterior> fused = f.fused.readValuesToList();
            GaussianPosterior last = (GaussianPosterior) fused.get(fused.size() - 1).getPosterior();
            // the newest of each site, as independent weights: Λⱼ = 1/vₐⱼ + 1/v_bⱼ − 1/4, ηⱼ = μₐⱼ/vₐⱼ + μ_bⱼ/v_bⱼ
            GaussianPosterior a = (GaussianPosterior) published.get(1).getPosterior();
            GaussianPosterior b = (GaussianPosterior) published.get(3).getPosterior();
            double[] va = array(((DiagonalCovariance) a.getCovariance()).getVariances());
            double[] vb = array(((DiagonalCovariance) b.getCovariance()).getVariances());
            double[] expected = new double[4];
            for (int j = 0; j < 4; j++) {
                double precision = 1 / va[j] + 1 / vb[j] - 1 / 4.0;
                expected[j] = (a.getMean().get(j) / va[j] + b.getMean().get(j) / vb[j]) / precision;
            }
            assertThat(array(last.getMean())).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    private static final List<String> LEARNER_STORES = List.of(BayesfuseTopology.LEARNER_STORE,
            BayesfuseTopology.LEARNER_BATCH_STORE, BayesfuseTopology.LEARNER_SCHEDULE_STORE);

    private Driver driverAt(String yaml, Path dir) {
        StageDriver d = new StageDriver(ConfigLoader.parse(yaml, "test"), registry.url(), dir);
        return new Driver(d, d.input(d.topics.examples(), Example.class), d.output(d.topics.posteriorUpdates(), PosteriorUpdate.class),
                d.output(d.topics.posteriorChunks(), PosteriorChunk.class));
    }
}
