package io.bayesfuse.topology.metrics;

import io.bayesfuse.avro.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Dead letters by reason and source topic ({@code bayesfuse_dead_letters_total}). Recorded by the
 * exception handlers, which Kafka Streams creates itself, hence the global registry.
 */
public final class DeadLetterMetrics {

    private DeadLetterMetrics() {
    }

    public static void record(String application, DeadLetterReason reason, String sourceTopic) {
        Counter.builder("bayesfuse.dead.letters").description("input records dead-lettered, by reason")
                .tag("application", application == null ? "" : application)
                .tag("reason", reason.name()).tag("topic", sourceTopic == null ? "" : sourceTopic)
                .register(Metrics.globalRegistry).increment();
    }
}
