package io.bayesfuse.schemas.serde;

import org.apache.kafka.common.config.ConfigException;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Resolves a {@code *.subject.name.strategy} setting. Accepted: the short names
 * ({@code TopicNameStrategy}, {@code RecordNameStrategy}, {@code TopicRecordNameStrategy}), the
 * classes of this package, Confluent's class names
 * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}, ...) so that existing
 * configurations can be copied, any other class implementing {@link SubjectNameStrategy}, or an
 * instance.
 */
public final class SubjectNameStrategies {

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";
    private static final Map<String, Class<? extends SubjectNameStrategy>> KNOWN = Map.of(
            "TopicNameStrategy", TopicNameStrategy.class,
            "RecordNameStrategy", RecordNameStrategy.class,
            "TopicRecordNameStrategy", TopicRecordNameStrategy.class);

    private SubjectNameStrategies() {
    }

    public static SubjectNameStrategy resolve(String key, Object setting) {
        if (setting == null) {
            return new TopicNameStrategy();
        }
        if (setting instanceof SubjectNameStrategy strategy) {
            return strategy;
        }
        if (setting instanceof Class<?> type) {
            return instantiate(key, type);
        }
        String name = setting.toString().trim();
        String shortName = name.startsWith(CONFLUENT_PACKAGE) ? name.substring(CONFLUENT_PACKAGE.length())
                : name.startsWith(SubjectNameStrategies.class.getPackageName() + ".")
                ? name.substring(SubjectNameStrategies.class.getPackageName().length() + 1) : name;
        Class<? extends SubjectNameStrategy> known = KNOWN.get(shortName);
        if (known != null) {
            return instantiate(key, known);
        }
        try {
            return instantiate(key, Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : SubjectNameStrategies.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, setting, "not a known subject name strategy (TopicNameStrategy, "
                    + "RecordNameStrategy, TopicRecordNameStrategy, or their Confluent class names) nor a class on the classpath");
        }
    }

    private static SubjectNameStrategy instantiate(String key, Class<?> type) {
        if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
            throw new ConfigException(key, type.getName(), "does not implement " + SubjectNameStrategy.class.getName());
        }
        try {
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ConfigException(key, type.getName(), "cannot be created with a public no-argument constructor: " + e);
        }
    }
}
