package io.bayesfuse.topology.filtering;

import io.bayesfuse.kernels.entity.EntityTracker;
import io.bayesfuse.topology.assembly.FilterFactory;
import io.bayesfuse.topology.assembly.TrackerFactory;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.EntityClassConfig;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.sensors.SensorWatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The filters of one configuration, compiled: the entity classes' rules in the order they are
 * tried (priority, then id) and the default filter for entities no rule matches.
 */
public final class FilterSelection {

    private final List<Rule> rules;
    private final SelectedFilter defaultFilter;
    private final Map<String, SensorWatch> watches;

    private record Rule(String id, EntityClassConfig config, SelectedFilter filter) {

        boolean matches(String entityId, Map<String, String> attributes) {
            if (config.idPrefix() != null) {
                return entityId.startsWith(config.idPrefix());
            }
            return config.value().equals(attributes.get(config.attribute()));
        }
    }

    private FilterSelection(List<Rule> rules, SelectedFilter defaultFilter, Map<String, SensorWatch> watches) {
        this.rules = rules;
        this.defaultFilter = defaultFilter;
        this.watches = watches;
    }

    /**
     * Builds every filter of a validated configuration.
     *
     * @throws io.bayesfuse.topology.config.ConfigException when the parts do not fit together
     */
    public static FilterSelection compile(BayesfuseConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, EntityClassConfig> e : config.entityClassesInOrder()) {
            String path = "entityClasses." + e.getKey() + ".filter";
            rules.add(new Rule(e.getKey(), e.getValue(), select(config, e.getKey(), e.getValue().filter(), path)));
        }
        SelectedFilter defaultFilter = select(config, null, config.requireFilter(), "filter");
        requireALearningFilter(config);
        Map<String, SensorWatch> watches = new TreeMap<>();
        config.sensors().forEach((id, sensor) -> {
            SensorWatch watch = SensorWatch.compile(id, sensor);
            if (watch != null) {
                watches.put(id, watch);
            }
        });
        return new FilterSelection(List.copyOf(rules), defaultFilter, watches);
    }

    /**
     * Adaptive noise is learned by the entities whose filter can learn it (kf, ekf, ukf) and the
     * others use the configured R; a sensor no filter of the configuration could learn for is an error.
     */
    private static void requireALearningFilter(BayesfuseConfig config) {
        boolean anyLearns = FilterFactory.learnsNoise(config.requireFilter());
        for (Map.Entry<String, EntityClassConfig> e : config.entityClassesInOrder()) {
            anyLearns |= FilterFactory.learnsNoise(e.getValue().filter());
        }
        for (Map.Entry<String, io.bayesfuse.topology.config.SensorConfig> e : new TreeMap<>(config.sensors()).entrySet()) {
            if (!anyLearns && e.getValue().adaptation() != null && e.getValue().adaptation().enabled()) {
                throw new io.bayesfuse.topology.config.ConfigException("sensors." + e.getKey() + ".adaptation",
                        "needs a kf, ekf or ukf filter to learn R, but no filter of this configuration is one (filter is "
                                + config.requireFilter().type() + ")");
            }
        }
    }

    /** What is watched on sensor {@code sensorId} (learned R, changepoints), or null for nothing. */
    public SensorWatch watch(String sensorId) {
        return watches.get(sensorId);
    }

    private static SelectedFilter select(BayesfuseConfig config, String entityClass, FilterConfig filter, String path) {
        EntityTracker tracker = TrackerFactory.create(config, filter, path);
        return new SelectedFilter(entityClass, filter.type(), String.join("+", filter.motionModelIds()), tracker,
                filter.initial().x(), filter.initial().P());
    }

    /** The filter for an entity: the first class whose rule matches, else the default filter. */
    public SelectedFilter select(String entityId, Map<String, String> attributes) {
        for (Rule rule : rules) {
            if (rule.matches(entityId, attributes)) {
                return rule.filter();
            }
        }
        return defaultFilter;
    }

    /** The filter that built a stored entity, if this configuration still has it. */
    public SelectedFilter filterOf(TrackedEntity entity) {
        if (entity.entityClass() == null) {
            return defaultFilter.filterType().equals(entity.filterType()) ? defaultFilter : null;
        }
        for (Rule rule : rules) {
            if (rule.id().equals(entity.entityClass()) && rule.filter().filterType().equals(entity.filterType())) {
                return rule.filter();
            }
        }
        return null;
    }
}
