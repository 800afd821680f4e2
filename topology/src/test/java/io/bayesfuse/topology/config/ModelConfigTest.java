package io.bayesfuse.topology.config;

import io.bayesfuse.avro.ModelSettings;
import io.bayesfuse.kernels.learning.CovarianceForm;
import io.bayesfuse.kernels.learning.ModelSpec;
import io.bayesfuse.topology.live.ConfigRecords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The low-rank covariance option of a model: chosen in the file or on the config topic, its rank validated by name. */
class ModelConfigTest {

    private static ConfigException problemsOf(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a configuration error for\n" + yaml);
    }

    @Test
    void aLowRankModelInTheFileBecomesALowRankSpecificationOfItsRank() {
        BayesfuseConfig config = ConfigLoader.parse("""
                models:
                  clicks: {type: logistic, features: 40, bias: true, covariance: low-rank, rank: 6}
                  prices: {type: linear, features: 8, covariance: low-rank, rank: 3, noise: {variance: 0.5, known: true}}
                """, "test");
        ModelSpec clicks = config.models().get("clicks").toSpec();
        assertThat(clicks.covariance()).isEqualTo(CovarianceForm.LOW_RANK);
        assertThat(clicks.rank()).isEqualTo(6);
        assertThat(clicks.parameters()).isEqualTo(41);
        ModelSpec prices = config.models().get("prices").toSpec();
        assertThat(prices.covariance()).isEqualTo(CovarianceForm.LOW_RANK);
        assertThat(prices.rank()).isEqualTo(3);
    }

    @Test
    void denseAndDiagonalModelsHaveNoRank() {
        BayesfuseConfig config = ConfigLoader.parse("""
                models:
                  a: {type: logistic, features: 4}
                  b: {type: logistic, features: 4, covariance: diagonal}
                """, "test");
        assertThat(config.models().get("a").toSpec().rank()).isZero();
        assertThat(config.models().get("b").toSpec().rank()).isZero();
    }

    @Test
    void aLowRankModelWithoutARankIsRefusedNamingTheSetting() {
        assertThat(problemsOf("models: {clicks: {type: logistic, features: 40, covariance: low-rank}}").problems())
                .containsExactly("models.clicks.rank: is required");
    }

    @Test
    void aRankOutsideItsRangeOrAboveTheNumberOfWeightsIsRefused() {
        assertThat(problemsOf("""
                models:
                  a: {type: logistic, features: 40, covariance: low-rank, rank: 0}
                  b: {type: logistic, features: 4000, covariance: low-rank, rank: 513}
                  c: {type: softmax, classes: 3, features: 2, bias: true, covariance: low-rank, rank: 10}
                """).problems()).containsExactlyInAnyOrder(
                "models.a.rank: is 0, must be between 1 and 512",
                "models.b.rank: is 513, must be between 1 and 512",
                "models.c.rank: is 10, more than the model's 9 weights (covariance dense holds them all)");
    }

    @Test
    void aRankWithAnotherCovarianceIsRefused() {
        assertThat(problemsOf("""
                models:
                  a: {type: logistic, features: 4, rank: 2}
                  b: {type: logistic, features: 4, covariance: diagonal, rank: 2}
                """).problems()).containsExactlyInAnyOrder(
                "models.a.rank: is 2, but a rank is for covariance low-rank only (covariance is dense, the default)",
                "models.b.rank: is 2, but a rank is for covariance low-rank only (covariance is diagonal)");
    }

    @Test
    void whatTheLowRankLearnerDoesNotOfferIsRefusedNamingEachSetting() {
        assertThat(problemsOf("""
                models:
                  prices: {type: linear, features: 8, covariance: low-rank, rank: 2, driftPerSecond: 0.1}
                  churn: {type: logistic, features: 8, covariance: low-rank, rank: 2, inference: adf}
                """).problems()).containsExactlyInAnyOrder(
                "models.prices.noise.known: must be true for a low-rank linear model (its learner needs a known noise variance)",
                "models.prices.driftPerSecond: is 0.1, but covariance low-rank offers no drift (a random walk would fill the"
                        + " low-rank factor in); use forgettingHalfLifeMillis, or covariance dense or diagonal",
                "models.churn.inference: is 'adf', which covariance low-rank does not offer (laplace for classifiers)");
    }

    @Test
    void anUnknownCovarianceListsTheThreeForms() {
        assertThat(problemsOf("models: {a: {type: logistic, features: 4, covariance: sparse}}").problems())
                .containsExactly("models.a.covariance: is 'sparse', expected one of [dense, diagonal, low-rank]");
    }

    @Test
    void aConfigRecordCarriesTheCovarianceAndRank() {
        ModelConfig model = ConfigRecords.model(ModelSettings.newBuilder().setType("logistic").setFeatures(20)
                .setCovariance("low-rank").setRank(4).build());
        ModelSpec spec = model.toSpec();
        assertThat(spec.covariance()).isEqualTo(CovarianceForm.LOW_RANK);
        assertThat(spec.rank()).isEqualTo(4);
        assertThat(ConfigRecords.model(ModelSettings.newBuilder().setType("logistic").setFeatures(20).build()).rank()).isNull();
    }
}
