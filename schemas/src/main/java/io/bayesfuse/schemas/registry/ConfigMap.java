package io.bayesfuse.schemas.registry;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.Map;
import java.util.Optional;

/**
 * A typed, read-only view of a Kafka-style configuration map ({@code Map<String, ?>} whose values
 * are strings or already typed). Errors name the setting and the value that was wrong.
 */
public final class ConfigMap {

    private final Map<String, ?> values;

    public ConfigMap(Map<String, ?> values) {
        this.values = Map.copyOf(withoutNullValues(values));
    }

    private static Map<String, Object> withoutNullValues(Map<String, ?> values) {
        Map<String, Object> copy = new java.util.HashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** The value as text, if set and not blank. Kafka {@link Password} values are revealed. */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof Password password ? password.value() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    /** The first of several equivalent keys that is set (e.g. a Confluent alias). */
    public Optional<String> string(String key, String alias) {
        return string(key).or(() -> string(alias));
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(key, value, "must be true or false");
    }

    public long longValue(String key, long defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a whole number");
        }
    }

    /** The raw value (for settings that may hold a class or an instance). */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
