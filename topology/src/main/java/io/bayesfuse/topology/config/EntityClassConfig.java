package io.bayesfuse.topology.config;

/**
 * A class of entities with its own filter, chosen by a rule on the entity id or on an attribute
 * of the measurement, e.g.
 * <pre>
 * entityClasses:
 *   drones:
 *     idPrefix: "drone-"                          # or: attribute: kind, value: drone
 *     priority: 10                                # higher first; ties by class id
 *     filter: {type: ukf, motionModel: ca, initial: {...}}
 * </pre>
 * Entities no class matches use the top-level {@code filter}. An entity keeps its class's filter
 * state; when the class that matches changes, the entity restarts from the new class's prior
 * (reported as a RESET estimate).
 *
 * @param idPrefix  matches entity ids starting with this prefix
 * @param attribute matches measurements whose attributes hold this key ...
 * @param value     ... with this value
 * @param priority  rules with a higher priority are tried first (default 0)
 * @param filter    the filter for matching entities
 */
public record EntityClassConfig(String idPrefix, String attribute, String value, Integer priority, FilterConfig filter) {

    public int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    void validate(String path, BayesfuseConfig root, Problems problems) {
        boolean byId = idPrefix != null;
        boolean byAttribute = attribute != null || value != null;
        if (byId == byAttribute) {
            problems.add(path, "needs exactly one rule: idPrefix, or attribute with value");
        } else if (byAttribute && (attribute == null || value == null)) {
            problems.add(path + (attribute == null ? ".attribute" : ".value"), "is required with "
                    + (attribute == null ? "value" : "attribute"));
        }
        if (problems.requirePresent(path + ".filter", filter)) {
            filter.validate(path + ".filter", root, problems);
        }
    }
}
