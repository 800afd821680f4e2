package io.bayesfuse.topology.live;

import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.EntityClassConfig;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.FusionConfig;
import io.bayesfuse.topology.config.ModelConfig;
import io.bayesfuse.topology.config.MotionModelConfig;
import io.bayesfuse.topology.config.SensorConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Merges config-topic records over the configuration file: a record for {@code sensor/gps}
 * replaces (or adds) sensor {@code gps}; {@code filter/default} replaces the top-level filter;
 * {@code fusion/default} the default fusion settings and {@code fusion/<quantityId>} one
 * quantity's ({@code quantities.<quantityId>} in the file); {@code model/<modelId>} replaces (or
 * adds) an online learner's model ({@code models.<modelId>}). Removing a record (a tombstone) brings
 * back the file's value, if it has one.
 */
public final class ConfigOverrides {

    /** The id of the records that replace the file's top-level filter and fusion sections. */
    public static final String DEFAULT_ID = BayesfuseConfig.DEFAULT_QUANTITY_SETTINGS;

    private ConfigOverrides() {
    }

    /**
     * The file's configuration with {@code records} (key → record) applied, not yet validated.
     *
     * @throws io.bayesfuse.topology.config.ConfigException when a record is inconsistent with its key
     */
    public static BayesfuseConfig apply(BayesfuseConfig base, Iterable<Map.Entry<String, ConfigRecord>> records) {
        Map<String, MotionModelConfig> motionModels = new HashMap<>(base.motionModels());
        Map<String, SensorConfig> sensors = new HashMap<>(base.sensors());
        Map<String, EntityClassConfig> entityClasses = new HashMap<>(base.entityClasses());
        FilterConfig filter = base.filter();
        FusionConfig fusion = base.fusion();
        Map<String, FusionConfig> quantities = new HashMap<>(base.quantities());
        Map<String, ModelConfig> models = new HashMap<>(base.models());
        for (Map.Entry<String, ConfigRecord> e : records) {
            ConfigRecord record = e.getValue();
            ConfigRecords.requireConsistent(e.getKey(), record);
            String id = record.getId();
            switch (record.getKind()) {
                case SENSOR -> sensors.put(id, ConfigRecords.sensor((io.bayesfuse.avro.SensorSettings) record.getSettings()));
                case MOTION_MODEL -> motionModels.put(id,
                        ConfigRecords.motionModel((io.bayesfuse.avro.MotionModelSettings) record.getSettings()));
                case ENTITY_CLASS -> entityClasses.put(id,
                        ConfigRecords.entityClass((io.bayesfuse.avro.EntityClassSettings) record.getSettings()));
                case FILTER -> {
                    requireDefault(e.getKey(), id);
                    filter = ConfigRecords.filter((io.bayesfuse.avro.FilterSettings) record.getSettings());
                }
                case FUSION -> {
                    FusionConfig settings = ConfigRecords.fusion((io.bayesfuse.avro.FusionSettings) record.getSettings());
                    if (DEFAULT_ID.equals(id)) {
                        fusion = settings;
                    } else {
                        quantities.put(id, settings);
                    }
                }
                case MODEL -> models.put(id, ConfigRecords.model((io.bayesfuse.avro.ModelSettings) record.getSettings()));
                case UNKNOWN -> throw new IllegalStateException("checked by requireConsistent");
            }
        }
        return new BayesfuseConfig(base.application(), base.kafka(), base.schemaRegistry(), motionModels, sensors,
                filter, entityClasses, base.validation(), base.entities(), fusion, quantities, base.tracks(), base.http(),
                base.tracking(), models, base.learning());
    }

    private static void requireDefault(String key, String id) {
        if (!DEFAULT_ID.equals(id)) {
            throw new io.bayesfuse.topology.config.ConfigException(key, "names '" + id
                    + "', but only '" + DEFAULT_ID + "' is supported for this kind");
        }
    }

    /** {@link #apply} for a single map. */
    public static BayesfuseConfig apply(BayesfuseConfig base, Map<String, ConfigRecord> records) {
        return apply(base, records.entrySet());
    }
}
