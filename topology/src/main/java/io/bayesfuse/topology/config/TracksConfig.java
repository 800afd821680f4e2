package io.bayesfuse.topology.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Track-to-track fusion: the estimates of filter deployments (this one's and/or other sites')
 * become posterior updates of the quantity named by the entity id, with the estimate's site as the
 * source, and are fused like any quantity, with the {@code fusion} settings (typically covariance
 * intersection with a motion model, since the sites' errors are correlated through the common
 * target motion and their estimates are made at different times), e.g.
 * <pre>
 * tracks:
 *   estimateTopics: [site-a.estimates, site-b.estimates]   # default: this deployment's estimates topic
 * fusion: {method: covariance-intersection, motionModel: cv, sourceTtlMillis: 30000}
 * </pre>
 *
 * @param estimateTopics the topics whose estimates are fused; null for this deployment's own
 */
public record TracksConfig(List<String> estimateTopics) {

    public TracksConfig {
        estimateTopics = estimateTopics == null ? null : List.copyOf(estimateTopics);
    }

    /** The estimate topics, defaulting to this deployment's own. */
    public List<String> estimateTopicsOr(TopicNames topics) {
        return estimateTopics == null ? List.of(topics.estimates()) : estimateTopics;
    }

    void validate(String path, BayesfuseConfig root, Problems problems) {
        if (estimateTopics != null) {
            if (estimateTopics.isEmpty()) {
                problems.add(path + ".estimateTopics", "is empty; leave it out to fuse this deployment's own estimates");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < estimateTopics.size(); i++) {
                String topic = estimateTopics.get(i);
                if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                    problems.add(path + ".estimateTopics[" + i + "]", "is '" + topic + "', not a valid Kafka topic name");
                } else if (!seen.add(topic)) {
                    problems.add(path + ".estimateTopics[" + i + "]", "repeats '" + topic + "'");
                }
            }
        }
        if (root.fusion() == null) {
            problems.add(path, "needs a fusion section: track quantities (entity ids) are fused with its settings");
        } else if (root.fusion().method() != null && !GAUSSIAN_METHODS.contains(root.fusion().method())) {
            problems.add("fusion.method", "is " + root.fusion().method() + ", but tracks are Gaussian estimates: use one of "
                    + Sorted.of(GAUSSIAN_METHODS) + " (covariance-intersection for sites with correlated errors)");
        }
    }

    /** The methods that fuse Gaussian posteriors. */
    static final Set<String> GAUSSIAN_METHODS = Set.of(FusionConfig.COVARIANCE_INTERSECTION, FusionConfig.PRODUCT,
            FusionConfig.MIXTURE_PRODUCT);
}
