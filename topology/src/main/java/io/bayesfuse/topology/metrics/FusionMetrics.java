package io.bayesfuse.topology.metrics;

import io.bayesfuse.avro.FusionChange;
import io.bayesfuse.kernels.fusion.trust.TrustVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The fusion stage's own metrics, beside Kafka Streams': fused posteriors published by method and
 * change ({@code bayesfuse_fusion_posteriors_total}), stale versions, retractions (by null posterior
 * or by tombstone), expired sources, sources a changed method could not take, and fusions that
 * failed (a fused precision that is not positive definite), and under source trust the sources
 * quarantined and readmitted ({@code bayesfuse_fusion_trust_total}, tag {@code event}) and the
 * updates that failed their consistency test ({@code bayesfuse_fusion_trust_failed_tests_total}). Meters are looked up once and cached.
 * One instance per processor (not thread-safe).
 */
public final class FusionMetrics {

    private final MeterRegistry registry;
    private final String application;
    private final Map<String, Counter> posteriors = new HashMap<>();
    private final Map<String, Counter> retractions = new HashMap<>();
    private final Counter stale;
    private final Counter expired;
    private final Counter withdrawn;
    private final Counter failed;
    private final Counter quarantined;
    private final Counter readmitted;
    private final Counter failedTests;

    public FusionMetrics(String application) {
        this(Metrics.globalRegistry, application);
    }

    public FusionMetrics(MeterRegistry registry, String application) {
        this.registry = registry;
        this.application = application;
        this.stale = counter("bayesfuse.fusion.stale.versions", "updates and tombstones older than their source's newest");
        this.expired = counter("bayesfuse.fusion.expired.sources", "sources dropped after their time to live");
        this.withdrawn = counter("bayesfuse.fusion.withdrawn.sources", "sources a changed fusion method could not take");
        this.failed = counter("bayesfuse.fusion.failures", "fusions whose precision was not positive definite");
        this.quarantined = trustEvent("quarantined");
        this.readmitted = trustEvent("readmitted");
        this.failedTests = counter("bayesfuse.fusion.trust.failed.tests",
                "source updates that failed their consistency test against the other sources");
    }

    private Counter trustEvent(String event) {
        return Counter.builder("bayesfuse.fusion.trust").description("sources quarantined and readmitted under source trust")
                .tag("application", application).tag("event", event).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("application", application).register(registry);
    }

    /** A fused posterior (or the tombstone of a quantity left without sources) was published. */
    public void published(String method, FusionChange change) {
        posteriors.computeIfAbsent(method + '\u0000' + change, k -> Counter.builder("bayesfuse.fusion.posteriors")
                .description("fused posteriors published, by method and change")
                .tag("application", application).tag("method", method).tag("change", change.name())
                .register(registry)).increment();
    }

    /** @param by "posterior" for a null posterior with a version, "tombstone" for a Kafka tombstone */
    public void retracted(String by) {
        retractions.computeIfAbsent(by, b -> Counter.builder("bayesfuse.fusion.retractions")
                .description("sources retracted, by null posterior or by tombstone")
                .tag("application", application).tag("by", b).register(registry)).increment();
    }

    public void stale() {
        stale.increment();
    }

    public void expired() {
        expired.increment();
    }

    public void withdrawn(int count) {
        withdrawn.increment(count);
    }

    public void failed() {
        failed.increment();
    }

    /** An update was judged under source trust. */
    public void trust(TrustVerdict verdict) {
        if (!verdict.consistent()) {
            failedTests.increment();
        }
        if (verdict.state() == TrustVerdict.State.NEWLY_QUARANTINED) {
            quarantined.increment();
        } else if (verdict.state() == TrustVerdict.State.READMITTED) {
            readmitted.increment();
        }
    }
}
