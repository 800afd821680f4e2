package io.bayesfuse.schemas.serde;

import io.bayesfuse.schemas.registry.ConfigMap;
import io.bayesfuse.schemas.registry.RegistryClientConfig;
import org.apache.kafka.common.config.ConfigException;

import java.util.Map;
import java.util.Optional;

/**
 * The serde settings, with Confluent's names and defaults:
 * <ul>
 *   <li>{@code auto.register.schemas} (true): register the record's schema; when false the
 *       schema must already be registered and is looked up ({@code POST /subjects/{s}});</li>
 *   <li>{@code use.latest.version} (false): with auto-registration off, write with the subject's
 *       latest schema (the record is converted to it by Avro schema resolution);</li>
 *   <li>{@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 *       (TopicNameStrategy);</li>
 *   <li>{@code specific.avro.reader} (false): the general deserializer returns generated classes;</li>
 *   <li>{@code specific.avro.key.type} / {@code specific.avro.value.type}: the generated class to
 *       read into (otherwise the class named by the writer schema);</li>
 *   <li>the registry client settings of {@link RegistryClientConfig}.</li>
 * </ul>
 */
public final class AvroSerdeConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

    private final Map<String, ?> settings;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final SubjectNameStrategy subjectNameStrategy;
    private final boolean specificReader;
    private final Optional<Class<?>> specificType;

    private AvroSerdeConfig(Map<String, ?> settings, boolean isKey) {
        ConfigMap config = new ConfigMap(settings);
        this.settings = settings;
        this.autoRegister = config.bool(AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = config.bool(USE_LATEST_VERSION, false);
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        this.subjectNameStrategy = SubjectNameStrategies.resolve(strategyKey, config.raw(strategyKey).orElse(null));
        this.specificReader = config.bool(SPECIFIC_AVRO_READER, false);
        String typeKey = isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
        this.specificType = config.raw(typeKey).map(value -> loadClass(typeKey, value));
    }

    /** Reads the settings for the key ({@code isKey}) or the value serde. */
    public static AvroSerdeConfig from(Map<String, ?> settings, boolean isKey) {
        return new AvroSerdeConfig(Map.copyOf(withoutNulls(settings)), isKey);
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> settings) {
        Map<String, Object> copy = new java.util.HashMap<>();
        settings.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static Class<?> loadClass(String key, Object value) {
        if (value instanceof Class<?> type) {
            return type;
        }
        try {
            return Class.forName(value.toString().trim());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, value, "no such class on the classpath");
        }
    }

    public boolean autoRegister() {
        return autoRegister;
    }

    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    public SubjectNameStrategy subjectNameStrategy() {
        return subjectNameStrategy;
    }

    public boolean specificReader() {
        return specificReader;
    }

    public Optional<Class<?>> specificType() {
        return specificType;
    }

    /** The registry client settings (parsed when a serde creates its own client). */
    public RegistryClientConfig registryClient() {
        return RegistryClientConfig.from(settings);
    }
}
