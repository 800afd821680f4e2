package io.bayesfuse.benchmarks;

import picocli.CommandLine.Option;

/** Which Kafka cluster a benchmark runs against: a given one, or an embedded broker in this process. */
public final class ClusterOptions {

    @Option(names = "--bootstrap", description = "A Kafka cluster's bootstrap servers (default: an embedded broker in this process).")
    String bootstrap;

    @Option(names = "--registry", description = "The schema registry URL of that cluster (required with --bootstrap).")
    String registry;

    /** The cluster these options name, started when embedded. */
    BenchStack open() {
        return BenchStack.open(bootstrap, registry);
    }
}
