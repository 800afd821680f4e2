package io.bayesfuse.topology.config;

import java.util.List;

/**
 * Invalid configuration. The message names every offending setting by its path in the
 * configuration file (e.g. {@code sensors.radar.R}) and what is wrong with it, so start-up can
 * fail with one clear message.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(problems.size() == 1
                ? "invalid configuration: " + problems.get(0)
                : "invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String setting, String problem) {
        this(List.of(setting + ": " + problem));
    }

    /** Each problem as "setting.path: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
