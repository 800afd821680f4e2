package io.bayesfuse.topology.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The root of a bayesfuse configuration file. Sections a command does not use may be absent; each
 * command checks the sections it needs with {@code require...}.
 *
 * @param application    the application id, topic names and site name
 * @param kafka          Kafka client and Kafka Streams settings, passed through unchanged
 *                       (e.g. {@code bootstrap.servers}, {@code security.protocol}, {@code num.stream.threads})
 * @param schemaRegistry schema registry client settings, passed through to the serdes
 *                       (e.g. {@code schema.registry.url}, {@code basic.auth.user.info})
 * @param motionModels   motion models by id
 * @param sensors        sensors by id
 * @param filter         the filter stage's default filter
 * @param entityClasses  classes of entities with their own filter, by id
 * @param validation     input checks beyond the models' own
 * @param entities       the life of entities: eviction, prediction ticks
 * @param fusion         the fusion stage's default settings for every quantity
 * @param quantities     fusion settings of single quantities, by quantity id, each replacing the default
 * @param tracks         track-to-track fusion: which estimate topics feed the fusion stage
 * @param http           the dashboard and HTTP API of {@code run}
 * @param tracking       multi-target tracking of unlabelled detections, by region
 * @param models         online learners' models, by model id (the key of their examples)
 * @param learning       settings of every learner
 */
public record BayesfuseConfig(
        ApplicationConfig application,
        Map<String, String> kafka,
        Map<String, String> schemaRegistry,
        Map<String, MotionModelConfig> motionModels,
        Map<String, SensorConfig> sensors,
        FilterConfig filter,
        Map<String, EntityClassConfig> entityClasses,
        ValidationConfig validation,
        EntitiesConfig entities,
        FusionConfig fusion,
        Map<String, FusionConfig> quantities,
        TracksConfig tracks,
        HttpConfig http,
        TrackingConfig tracking,
        Map<String, ModelConfig> models,
        LearningConfig learning) {

    public BayesfuseConfig {
        application = application == null ? ApplicationConfig.DEFAULT : application;
        kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
        schemaRegistry = schemaRegistry == null ? Map.of() : Map.copyOf(schemaRegistry);
        motionModels = motionModels == null ? Map.of() : Map.copyOf(motionModels);
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
        entityClasses = entityClasses == null ? Map.of() : Map.copyOf(entityClasses);
        validation = validation == null ? ValidationConfig.DEFAULT : validation;
        entities = entities == null ? EntitiesConfig.DEFAULT : entities;
        quantities = quantities == null ? Map.of() : Map.copyOf(quantities);
        http = http == null ? HttpConfig.DEFAULT : http;
        models = models == null ? Map.of() : Map.copyOf(models);
        learning = learning == null ? LearningConfig.DEFAULT : learning;
    }

    /** The filtering and fusion sections only, with every other section at its default. */
    public static BayesfuseConfig of(Map<String, MotionModelConfig> motionModels, Map<String, SensorConfig> sensors,
                                     FilterConfig filter, FusionConfig fusion) {
        return new BayesfuseConfig(null, null, null, motionModels, sensors, filter, null, null, null, fusion, null, null,
                null, null, null, null);
    }

    /** Validates every section present; throws a {@link ConfigException} listing all problems. */
    public void validate() {
        Problems problems = new Problems();
        application.validate("application", problems);
        motionModels.forEach((id, m) -> {
            if (problems.requirePresent("motionModels." + id, m)) {
                m.validate("motionModels." + id, problems);
            }
        });
        sensors.forEach((id, s) -> {
            if (problems.requirePresent("sensors." + id, s)) {
                s.validate("sensors." + id, problems);
            }
        });
        if (filter != null) {
            filter.validate("filter", this, problems);
        }
        entityClasses.forEach((id, c) -> {
            if (problems.requirePresent("entityClasses." + id, c)) {
                c.validate("entityClasses." + id, this, problems);
            }
        });
        if (!entityClasses.isEmpty() && filter == null) {
            problems.add("filter", "is required as the default for entities no entity class matches");
        }
        validation.validate("validation", problems);
        entities.validate("entities", problems);
        if (fusion != null) {
            fusion.validate("fusion", this, problems);
        }
        quantities.forEach((id, q) -> {
            String path = "quantities." + id;
            if (id.isEmpty() || id.equals(DEFAULT_QUANTITY_SETTINGS)) {
                problems.add(path, "'" + id + "' is not a usable quantity id ('" + DEFAULT_QUANTITY_SETTINGS
                        + "' names the fusion section in configuration records)");
            } else if (problems.requirePresent(path, q)) {
                q.validate(path, this, problems);
            }
        });
        if (tracks != null) {
            tracks.validate("tracks", this, problems);
        }
        http.validate("http", problems);
        if (tracking != null) {
            tracking.validate("tracking", this, problems);
        }
        models.forEach((id, m) -> {
            String path = "models." + id;
            if (id.isEmpty() || id.indexOf('#') >= 0 || id.chars().anyMatch(Character::isISOControl)) {
                problems.add(path, "'" + id + "' is not a usable model id (it must not be empty or hold '#' or control"
                        + " characters: the learner's stores and chunks use '#' in their keys)");
            } else if (problems.requirePresent(path, m)) {
                m.validate(path, problems);
            }
        });
        learning.validate("learning", problems);
        problems.throwIfAny();
    }

    /** This configuration with other {@code kafka}, {@code schemaRegistry} and {@code http} sections (not validated). */
    public BayesfuseConfig withConnections(Map<String, String> newKafka, Map<String, String> newSchemaRegistry,
                                           HttpConfig newHttp) {
        return new BayesfuseConfig(application, newKafka, newSchemaRegistry, motionModels, sensors, filter, entityClasses,
                validation, entities, fusion, quantities, tracks, newHttp, tracking, models, learning);
    }

    /** The id under which configuration records address the {@code fusion} section rather than one quantity. */
    public static final String DEFAULT_QUANTITY_SETTINGS = "default";

    /** Whether this configuration runs the fusion stage: it has default or per-quantity fusion settings. */
    public boolean hasFusion() {
        return fusion != null || !quantities.isEmpty();
    }

    /** Whether this configuration runs the learner stage: it has models. */
    public boolean hasLearning() {
        return !models.isEmpty();
    }

    /** The fusion settings of a quantity: its own, else the default; null when neither exists. */
    public FusionConfig fusionOf(String quantityId) {
        FusionConfig own = quantities.get(quantityId);
        return own != null ? own : fusion;
    }

    /** The entity classes in the order their rules are tried: higher priority first, then by id. */
    public List<Map.Entry<String, EntityClassConfig>> entityClassesInOrder() {
        return entityClasses.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, EntityClassConfig>>comparingInt(e -> -e.getValue().priorityOrDefault())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    /** The filter section, or a {@link ConfigException} naming it when absent. */
    public FilterConfig requireFilter() {
        if (filter == null) {
            throw new ConfigException("filter", "is required by this command");
        }
        return filter;
    }

    /** The tracking section, or a {@link ConfigException} naming it when absent. */
    public TrackingConfig requireTracking() {
        if (tracking == null) {
            throw new ConfigException("tracking", "is required by this command");
        }
        return tracking;
    }

    /** The fusion section, or a {@link ConfigException} naming it when absent. */
    public FusionConfig requireFusion() {
        if (fusion == null) {
            throw new ConfigException("fusion", "is required by this command");
        }
        return fusion;
    }
}
