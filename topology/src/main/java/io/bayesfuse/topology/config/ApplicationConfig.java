package io.bayesfuse.topology.config;

/**
 * Who the application is on Kafka, e.g.
 * <pre>
 * application:
 *   id: bayesfuse            # Kafka Streams application.id: instances with the same id share the work
 *   topicPrefix: bayesfuse.  # default names are prefix + measurements, estimates, ...
 *   topics: {estimates: tracks.v1}   # optional full names, overriding prefix + default
 *   site: site-a             # this deployment's name, the source id of its tracks in track-to-track fusion
 *   partitions: 6            # partitions of the topics 'run' creates (default: the broker's num.partitions)
 *   replicationFactor: 3     # their replication factor (default: the broker's default.replication.factor)
 * </pre>
 * The config topic and its validated copy always get one partition (their records are validated in order).
 *
 * @param id          the Kafka Streams application id (default {@code bayesfuse})
 * @param topicPrefix the prefix of the default topic names (default {@code bayesfuse.})
 * @param topics      explicit topic names
 * @param site        this deployment's name
 * @param partitions        partitions of the data topics created at start-up, null for the broker's default
 * @param replicationFactor replication factor of the topics created at start-up, null for the broker's default
 */
public record ApplicationConfig(String id, String topicPrefix, TopicsConfig topics, String site, Integer partitions,
                                Short replicationFactor) {

    public static final ApplicationConfig DEFAULT = new ApplicationConfig(null, null, null, null, null, null);

    public String idOrDefault() {
        return id == null ? "bayesfuse" : id;
    }

    public String siteOrDefault() {
        return site == null ? idOrDefault() : site;
    }

    /** The topic names in use. */
    public TopicNames topicNames() {
        String prefix = topicPrefix == null ? "bayesfuse." : topicPrefix;
        TopicsConfig t = topics == null ? TopicsConfig.NONE : topics;
        return new TopicNames(
                or(t.measurements(), prefix + "measurements"),
                or(t.posteriorUpdates(), prefix + "posterior-updates"),
                or(t.config(), prefix + "config"),
                or(t.estimates(), prefix + "estimates"),
                or(t.fused(), prefix + "fused"),
                or(t.deadLetters(), prefix + "dead-letters"),
                or(t.changepoints(), prefix + "changepoints"),
                or(t.smoothed(), prefix + "smoothed"),
                or(t.posteriorChunks(), prefix + "posterior-chunks"),
                or(t.fusedChunks(), prefix + "fused-chunks"),
                or(t.detections(), prefix + "detections"),
                or(t.tracks(), prefix + "tracks"),
                or(t.truth(), prefix + "truth"),
                or(t.examples(), prefix + "examples"));
    }

    void validate(String path, Problems problems) {
        if (id != null && !id.matches("[a-zA-Z0-9._-]+")) {
            problems.add(path + ".id", "is '" + id + "'; an application id may only hold letters, digits, '.', '_' and '-'");
        }
        if (topicPrefix != null && !topicPrefix.matches("[a-zA-Z0-9._-]*")) {
            problems.add(path + ".topicPrefix", "is '" + topicPrefix + "'; topic names may only hold letters, digits, '.', '_' and '-'");
        }
        if (topics != null) {
            topics.validate(path + ".topics", problems);
        }
        if (partitions != null && partitions < 1) {
            problems.add(path + ".partitions", "is " + partitions + ", must be at least 1 (leave it out for the broker's default)");
        }
        if (replicationFactor != null && replicationFactor < 1) {
            problems.add(path + ".replicationFactor", "is " + replicationFactor
                    + ", must be at least 1 (leave it out for the broker's default)");
        }
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Explicit topic names; each null entry keeps its default. */
    public record TopicsConfig(String measurements, String posteriorUpdates, String config, String estimates,
                               String fused, String deadLetters, String changepoints, String smoothed,
                               String posteriorChunks, String fusedChunks,
                               String detections, String tracks, String truth, String examples) {

        static final TopicsConfig NONE = new TopicsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);

        void validate(String path, Problems problems) {
            check(path + ".measurements", measurements, problems);
            check(path + ".posteriorUpdates", posteriorUpdates, problems);
            check(path + ".config", config, problems);
            check(path + ".estimates", estimates, problems);
            check(path + ".fused", fused, problems);
            check(path + ".deadLetters", deadLetters, problems);
            check(path + ".changepoints", changepoints, problems);
            check(path + ".smoothed", smoothed, problems);
            check(path + ".posteriorChunks", posteriorChunks, problems);
            check(path + ".fusedChunks", fusedChunks, problems);
            check(path + ".detections", detections, problems);
            check(path + ".tracks", tracks, problems);
            check(path + ".truth", truth, problems);
            check(path + ".examples", examples, problems);
        }

        private static void check(String path, String name, Problems problems) {
            if (name != null && !name.matches("[a-zA-Z0-9._-]{1,249}")) {
                problems.add(path, "is '" + name + "', not a valid Kafka topic name");
            }
        }
    }
}
