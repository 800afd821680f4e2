package io.bayesfuse.topology.config;

import java.util.Map;

/**
 * The root of a bayesfuse configuration file: the models, sensors and filter settings of the
 * filter stage and the settings of the fusion stage. Sections a command does not use may be
 * absent; each command checks the sections it needs with {@code require...}.
 *
 * @param motionModels motion models by id
 * @param sensors      sensors by id
 * @param filter       the filter stage's settings
 * @param fusion       the fusion stage's settings
 */
public record BayesfuseConfig(
        Map<String, MotionModelConfig> motionModels,
        Map<String, SensorConfig> sensors,
        FilterConfig filter,
        FusionConfig fusion) {

    public BayesfuseConfig {
        motionModels = motionModels == null ? Map.of() : Map.copyOf(motionModels);
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
    }

    /** Validates every section present; throws a {@link ConfigException} listing all problems. */
    public void validate() {
        Problems problems = new Problems();
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
        if (fusion != null) {
            fusion.validate("fusion", problems);
        }
        problems.throwIfAny();
    }

    /** The filter section, or a {@link ConfigException} naming it when absent. */
    public FilterConfig requireFilter() {
        if (filter == null) {
            throw new ConfigException("filter", "is required by this command");
        }
        return filter;
    }

    /** The fusion section, or a {@link ConfigException} naming it when absent. */
    public FusionConfig requireFusion() {
        if (fusion == null) {
            throw new ConfigException("fusion", "is required by this command");
        }
        return fusion;
    }
}
