package io.bayesfuse.topology.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One of the names a setting may take, as written in configuration files (e.g. {@code gnn} for
 * {@code tracking.association}). The enums of such names implement it; {@link Problems#requireOneOf}
 * parses a name once, when the configuration is validated, and says which names are allowed.
 */
public interface SettingValue {

    /**
     * The name in configuration files: the constant's name in lower case, words joined by '-'
     * (CONSTANT_VELOCITY is {@code constant-velocity}).
     */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value of {@code type} named {@code id}, or null when none has that name (or it is null). */
    static <E extends Enum<E> & SettingValue> E of(Class<E> type, String id) {
        for (E value : type.getEnumConstants()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        return null;
    }

    /** Every configuration name of {@code type}, in declaration order. */
    static <E extends Enum<E> & SettingValue> Set<String> ids(Class<E> type) {
        Set<String> ids = new LinkedHashSet<>();
        for (E value : type.getEnumConstants()) {
            ids.add(value.id());
        }
        return Collections.unmodifiableSet(ids);
    }
}
