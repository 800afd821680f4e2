package io.bayesfuse.schemas.registry;

import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials sent with every registry request, from the Confluent settings:
 * {@code basic.auth.credentials.source} = USER_INFO (with {@code basic.auth.user.info=user:password})
 * or URL (the user info of the registry URL), or a static bearer token
 * ({@code bearer.auth.token}, optionally {@code bearer.auth.logical.cluster} and
 * {@code bearer.auth.identity.pool.id}).
 */
public final class RegistryCredentials {

    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String BEARER_AUTH_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    public static final String BEARER_AUTH_IDENTITY_POOL = "bearer.auth.identity.pool.id";
    private static final String PREFIX = "schema.registry.";

    private static final RegistryCredentials NONE = new RegistryCredentials(Map.of());

    private final Map<String, String> headers;

    private RegistryCredentials(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /** No credentials. */
    public static RegistryCredentials none() {
        return NONE;
    }

    /** HTTP basic authentication. */
    public static RegistryCredentials basic(String userInfo) {
        String encoded = Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return new RegistryCredentials(Map.of("Authorization", "Basic " + encoded));
    }

    /** A static bearer token. */
    public static RegistryCredentials bearer(String token) {
        return new RegistryCredentials(Map.of("Authorization", "Bearer " + token));
    }

    /** The HTTP headers to add to each request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Reads the Confluent credential settings; {@code urls} supply user info for source URL. */
    public static RegistryCredentials from(ConfigMap config, List<URI> urls) {
        boolean basicConfigured = config.string(BASIC_AUTH_USER_INFO, PREFIX + BASIC_AUTH_USER_INFO).isPresent()
                || config.string(BASIC_AUTH_SOURCE).isPresent();
        boolean bearerConfigured = config.string(BEARER_AUTH_TOKEN).isPresent()
                || config.string(BEARER_AUTH_SOURCE).isPresent();
        if (basicConfigured && bearerConfigured) {
            throw new ConfigException("both basic authentication (" + BASIC_AUTH_SOURCE + "/" + BASIC_AUTH_USER_INFO
                    + ") and a bearer token (" + BEARER_AUTH_TOKEN + ") are configured for the schema registry: choose one");
        }
        if (bearerConfigured) {
            return bearerFrom(config);
        }
        return basicFrom(config, urls);
    }

    private static RegistryCredentials basicFrom(ConfigMap config, List<URI> urls) {
        String source = config.string(BASIC_AUTH_SOURCE).orElse("URL").toUpperCase(Locale.ROOT);
        switch (source) {
            case "USER_INFO" -> {
                String userInfo = config.string(BASIC_AUTH_USER_INFO, PREFIX + BASIC_AUTH_USER_INFO)
                        .orElseThrow(() -> new ConfigException(BASIC_AUTH_SOURCE + "=USER_INFO needs "
                                + BASIC_AUTH_USER_INFO + "=user:password, which is not set"));
                requireUserAndPassword(BASIC_AUTH_USER_INFO, userInfo);
                return basic(userInfo);
            }
            case "URL" -> {
                for (URI url : urls) {
                    if (url.getRawUserInfo() != null) {
                        String userInfo = java.net.URLDecoder.decode(
                                url.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
                        return basic(userInfo);
                    }
                }
                return none();
            }
            default -> throw new ConfigException(BASIC_AUTH_SOURCE, source,
                    "supported sources are USER_INFO and URL (SASL_INHERIT is not supported)");
        }
    }

    private static void requireUserAndPassword(String key, String userInfo) {
        if (userInfo.indexOf(':') < 1) {
            throw new ConfigException(key + " must be 'user:password' (the value set has no user before a ':')");
        }
    }

    private static RegistryCredentials bearerFrom(ConfigMap config) {
        String source = config.string(BEARER_AUTH_SOURCE).orElse("STATIC_TOKEN").toUpperCase(Locale.ROOT);
        if (!source.equals("STATIC_TOKEN")) {
            throw new ConfigException(BEARER_AUTH_SOURCE, source, "only STATIC_TOKEN is supported");
        }
        String token = config.string(BEARER_AUTH_TOKEN).orElseThrow(() -> new ConfigException(
                BEARER_AUTH_SOURCE + "=STATIC_TOKEN needs " + BEARER_AUTH_TOKEN + ", which is not set"));
        Map<String, String> headers = new LinkedHashMap<>(bearer(token).headers());
        config.string(BEARER_AUTH_LOGICAL_CLUSTER).ifPresent(c -> headers.put("target-sr-cluster", c));
        config.string(BEARER_AUTH_IDENTITY_POOL).ifPresent(p -> headers.put("Confluent-Identity-Pool-Id", p));
        return new RegistryCredentials(headers);
    }

    @Override
    public String toString() {
        // never print a secret
        return headers.isEmpty() ? "no credentials" : "credentials " + headers.keySet();
    }
}
