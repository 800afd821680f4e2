package io.bayesfuse.topology.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings from environment variables, which override the configuration file's (for secrets and
 * per-instance values in containers). The names:
 * <pre>
 * BAYESFUSE_KAFKA_&lt;NAME&gt;            → kafka.&lt;name&gt;            e.g. BAYESFUSE_KAFKA_BOOTSTRAP_SERVERS → bootstrap.servers
 * BAYESFUSE_SCHEMA_REGISTRY_&lt;NAME&gt;  → schemaRegistry.&lt;name&gt;   e.g. BAYESFUSE_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO → basic.auth.user.info
 * BAYESFUSE_HTTP_HOST, BAYESFUSE_HTTP_PORT, BAYESFUSE_HTTP_ADVERTISED_HOST → http.host, http.port, http.advertisedHost
 * </pre>
 * A Kafka or registry setting's name is &lt;NAME&gt; in lower case with {@code _} read as {@code .},
 * {@code __} as {@code _} and {@code ___} as {@code -} (the convention of Confluent's container
 * images), so every setting name has exactly one spelling:
 * {@code BAYESFUSE_KAFKA_SASL_JAAS_CONFIG} → {@code sasl.jaas.config}. Other {@code BAYESFUSE_}
 * variables are not configuration (e.g. {@code BAYESFUSE_JAVA_OPTS} is the launcher's), except
 * that an unknown {@code BAYESFUSE_HTTP_} name is an error.
 */
public final class EnvironmentOverrides {

    public static final String KAFKA_PREFIX = "BAYESFUSE_KAFKA_";
    public static final String SCHEMA_REGISTRY_PREFIX = "BAYESFUSE_SCHEMA_REGISTRY_";
    public static final String HTTP_PREFIX = "BAYESFUSE_HTTP_";

    private EnvironmentOverrides() {
    }

    /** One setting taken from the environment, for start-up logs (values of secrets are not kept). */
    public record Override(String variable, String setting) {
    }

    /**
     * The configuration with the environment's settings applied, validated again.
     *
     * @throws ConfigException naming the variable when one is malformed
     */
    public static BayesfuseConfig apply(BayesfuseConfig config, Map<String, String> environment) {
        Map<String, String> kafka = new TreeMap<>(config.kafka());
        Map<String, String> registry = new TreeMap<>(config.schemaRegistry());
        HttpConfig http = config.http();
        Problems problems = new Problems();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String variable = e.getKey();
            String value = e.getValue();
            if (variable.startsWith(SCHEMA_REGISTRY_PREFIX)) {
                settingName(variable, SCHEMA_REGISTRY_PREFIX, problems).ifPresent(name -> registry.put(name, value));
            } else if (variable.startsWith(KAFKA_PREFIX)) {
                settingName(variable, KAFKA_PREFIX, problems).ifPresent(name -> kafka.put(name, value));
            } else if (variable.startsWith(HTTP_PREFIX)) {
                http = http(http, variable, value, problems);
            }
        }
        problems.throwIfAny();
        BayesfuseConfig result = config.withConnections(kafka, registry, http);
        result.validate();
        return result;
    }

    /** The settings {@link #apply} would take from {@code environment}. */
    public static List<Override> overrides(Map<String, String> environment) {
        List<Override> found = new ArrayList<>();
        Problems ignored = new Problems();
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (variable.startsWith(SCHEMA_REGISTRY_PREFIX)) {
                settingName(variable, SCHEMA_REGISTRY_PREFIX, ignored)
                        .ifPresent(name -> found.add(new Override(variable, "schemaRegistry." + name)));
            } else if (variable.startsWith(KAFKA_PREFIX)) {
                settingName(variable, KAFKA_PREFIX, ignored).ifPresent(name -> found.add(new Override(variable, "kafka." + name)));
            } else if (variable.startsWith(HTTP_PREFIX)) {
                found.add(new Override(variable, "http." + httpSetting(variable)));
            }
        }
        return found;
    }

    /**
     * The setting name of a variable: the part after the prefix, lower case, with ___ → '-',
     * __ → '_' and _ → '.'.
     */
    static java.util.Optional<String> settingName(String variable, String prefix, Problems problems) {
        String rest = variable.substring(prefix.length());
        if (rest.isEmpty() || !rest.matches("[A-Z0-9_]+") || rest.startsWith("_") || rest.endsWith("_")
                || rest.contains("____")) {
            problems.add("environment variable " + variable, "is not a setting name: after " + prefix
                    + " use upper-case letters, digits and _ for '.', __ for '_', ___ for '-' (e.g. " + prefix
                    + "SASL_JAAS_CONFIG for sasl.jaas.config)");
            return java.util.Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c != '_') {
                name.append(Character.toLowerCase(c));
                i++;
                continue;
            }
            int run = 0;
            while (i + run < rest.length() && rest.charAt(i + run) == '_') {
                run++;
            }
            name.append(run == 1 ? '.' : run == 2 ? '_' : '-');
            i += run;
        }
        return java.util.Optional.of(name.toString());
    }

    private static String httpSetting(String variable) {
        return switch (variable.substring(HTTP_PREFIX.length())) {
            case "HOST" -> "host";
            case "PORT" -> "port";
            case "ADVERTISED_HOST" -> "advertisedHost";
            default -> null;
        };
    }

    private static HttpConfig http(HttpConfig http, String variable, String value, Problems problems) {
        String setting = httpSetting(variable);
        if (setting == null) {
            problems.add("environment variable " + variable, "is not a known setting (known: BAYESFUSE_HTTP_HOST, "
                    + "BAYESFUSE_HTTP_PORT, BAYESFUSE_HTTP_ADVERTISED_HOST)");
            return http;
        }
        switch (setting) {
            case "host" -> {
                return http.withHost(value);
            }
            case "advertisedHost" -> {
                return http.withAdvertisedHost(value);
            }
            default -> {
                try {
                    return http.withPort(Integer.parseInt(value.strip()));
                } catch (NumberFormatException e) {
                    problems.add("environment variable " + variable, "is '" + value + "', not a port number");
                    return http;
                }
            }
        }
    }
}
