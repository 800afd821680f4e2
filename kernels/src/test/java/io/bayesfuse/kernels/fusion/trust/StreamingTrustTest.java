package io.bayesfuse.kernels.fusion.trust;

import io.bayesfuse.kernels.codec.FusionRecordCodec;
import io.bayesfuse.kernels.fusion.FusionResult;
import io.bayesfuse.kernels.fusion.SourcePosterior;
import io.bayesfuse.kernels.fusion.information.InformationContribution;
import io.bayesfuse.kernels.fusion.product.ProductRule;
import io.bayesfuse.kernels.fusion.state.FusionHeader;
import io.bayesfuse.kernels.fusion.state.InMemorySourceTable;
import io.bayesfuse.kernels.fusion.state.SourceRecord;
import io.bayesfuse.kernels.fusion.state.VersionedFusion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Trust in {@link VersionedFusion} over the product rule: the leave-one-out test from the running sums. */
class StreamingTrustTest {

    static final double[][] I = {{1, 0}, {0, 1}};
    static final String[] SOURCES = {"a", "b", "c", "d"};

    /** A product whose prior is so weak (variance 1e12) that it matches the prior-free kernel fusion to rounding. */
    static VersionedFusion streaming(TrustSettings settings) {
        return new VersionedFusion(new ProductRule(InformationContribution.fromCovariance("prior", new double[2],
                new double[][]{{1e12, 0}, {0, 1e12}}, 0))).trust(settings);
    }

    @Test
    void theStatisticFromTheRunningSumsEqualsTheOneFromAScanOfTheOtherSources() {
        TrustSettings settings = new TrustSettings(0.999, TrustAction.QUARANTINE, 3);
        VersionedFusion stream = streaming(settings);
        TrustedGaussianFusion scan = new TrustedGaussianFusion(settings);
        Random random = new Random(3);
        int quarantines = 0;
        for (int round = 1; round <= 40; round++) {
            for (String s : SOURCES) {
                double[] x = {random.nextGaussian(), random.nextGaussian()};
                if (s.equals("d") && round >= 10 && round < 20) {
                    x[0] += 5;
                }
                stream.update(s, round, new SourcePosterior.Covariance(x, I));
                TrustVerdict expected = scan.update(s, x, I);
                TrustVerdict actual = stream.lastTrustVerdict();
                String what = "round " + round + " source " + s;
                if (Double.isNaN(expected.statistic())) {
                    assertThat(actual.statistic()).as(what).isNaN();
                } else {
                    assertThat(actual.statistic()).as(what).isCloseTo(expected.statistic(), within(1e-6 * (1 + expected.statistic())));
                }
                assertThat(actual.state()).as(what).isEqualTo(expected.state());
                assertThat(actual.score()).as(what).isCloseTo(expected.score(), within(1e-12));
                quarantines += actual.state() == TrustVerdict.State.NEWLY_QUARANTINED ? 1 : 0;
            }
            assertThat(stream.quarantinedSources().keySet()).isEqualTo(scan.quarantined());
        }
        assertThat(quarantines).as("the biased source was quarantined at least once").isPositive();
    }

    @Test
    void aQuarantinedSourceDoesNotCountAndRetractingItLeavesTheResultAsItWas() {
        VersionedFusion fusion = streaming(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
        fusion.update("a", 1, new SourcePosterior.Covariance(new double[]{0, 0}, I));
        fusion.update("b", 1, new SourcePosterior.Covariance(new double[]{0.1, -0.1}, I));
        fusion.update("c", 1, new SourcePosterior.Covariance(new double[]{9, 9}, I));
        assertThat(fusion.lastTrustVerdict().state()).isEqualTo(TrustVerdict.State.NEWLY_QUARANTINED);
        assertThat(fusion.quarantinedSources()).containsExactly(java.util.Map.entry("c", 1L));
        assertThat(fusion.sourceCount()).isEqualTo(2);
        assertThat(fusion.sources()).containsOnlyKeys("a", "b");
        double[] before = ((FusionResult.GaussianPosterior) fusion.result()).posterior().mean();

        fusion.retract("c", 2);
        assertThat(fusion.quarantinedSources()).isEmpty();
        assertThat(((FusionResult.GaussianPosterior) fusion.result()).posterior().mean()).containsExactly(before);
    }

    @Test
    void trustAndQuarantinesRoundTripThroughTheStoredFormsAndQuantitiesWithoutTrustKeepFormat1() {
        SourceRecord record = SourceRecord.contributing("c", 4, 17L, 20L, List.of(new double[]{1, 0, 1}, new double[]{2, 3}))
                .withTrust(new SourceTrust(0.81, 2, true));
        SourceRecord decoded = FusionRecordCodec.decodeSource("c", FusionRecordCodec.encodeSource(record));
        assertThat(decoded.trust()).isEqualTo(record.trust());
        assertThat(decoded.quarantined()).isTrue();
        assertThat(decoded.counted()).isFalse();

        VersionedFusion fusion = streaming(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
        fusion.update("a", 1, new SourcePosterior.Covariance(new double[]{0, 0}, I));
        fusion.update("b", 1, new SourcePosterior.Covariance(new double[]{0.1, -0.1}, I));
        byte[] plain = FusionRecordCodec.encodeHeader(fusion.header());
        assertThat(plain[1]).as("format").isEqualTo((byte) 1);
        fusion.update("c", 1, new SourcePosterior.Covariance(new double[]{9, 9}, I));
        byte[] bytes = FusionRecordCodec.encodeHeader(fusion.header());
        assertThat(bytes[1]).as("format").isEqualTo((byte) 2);
        FusionHeader header = FusionRecordCodec.decodeHeader(bytes);
        assertThat(header.quarantined()).containsExactly(java.util.Map.entry("c", 1L));

        InMemorySourceTable table = new InMemorySourceTable();
        fusion.forEachRecord(table::put);
        VersionedFusion restored = VersionedFusion.restore(new ProductRule(InformationContribution.fromCovariance("prior",
                new double[2], new double[][]{{1e12, 0}, {0, 1e12}}, 0)), table, header, 100)
                .trust(new TrustSettings(0.999, TrustAction.QUARANTINE, 3));
        assertThat(restored.quarantinedSources()).isEqualTo(fusion.quarantinedSources());
        assertThat(restored.record("c").trust()).isEqualTo(fusion.record("c").trust());
    }
}
