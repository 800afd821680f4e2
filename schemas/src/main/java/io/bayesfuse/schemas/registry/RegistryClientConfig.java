package io.bayesfuse.schemas.registry;

import org.apache.kafka.common.config.ConfigException;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to talk to a registry, read from the Confluent client settings:
 * {@code schema.registry.url} (comma-separated; the next URL is tried when one cannot be reached),
 * credentials ({@link RegistryCredentials}), TLS ({@link RegistryTls}),
 * {@code http.connect.timeout.ms}, {@code http.read.timeout.ms} and {@code latest.cache.ttl.sec}
 * ({@code latestCacheTtl} is empty when {@code latest} lookups are cached for ever).
 */
public record RegistryClientConfig(List<URI> urls,
                                   RegistryCredentials credentials,
                                   Optional<SSLContext> sslContext,
                                   Duration connectTimeout,
                                   Duration requestTimeout,
                                   Optional<Duration> latestCacheTtl) {

    public static final String URL = "schema.registry.url";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    /** How long {@code latest} lookups are cached; -1 (the Confluent default) caches for ever, 0 never. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(URL + " names no registry URL");
        }
    }

    /** Settings for plain HTTP to the given URLs with the default timeouts and no credentials. */
    public static RegistryClientConfig of(String commaSeparatedUrls) {
        return from(Map.of(URL, commaSeparatedUrls));
    }

    public static RegistryClientConfig from(Map<String, ?> settings) {
        ConfigMap config = new ConfigMap(settings);
        String urlList = config.string(URL).orElseThrow(() -> new ConfigException(
                "'" + URL + "' is not set: give the registry address, e.g. http://localhost:8081"));
        List<URI> urls = parseUrls(urlList);
        long ttl = config.longValue(LATEST_CACHE_TTL_SEC, -1);
        return new RegistryClientConfig(
                urls.stream().map(RegistryClientConfig::withoutUserInfo).toList(),
                RegistryCredentials.from(config, urls),
                RegistryTls.contextFrom(config),
                Duration.ofMillis(positive(config, CONNECT_TIMEOUT_MS, 60_000)),
                Duration.ofMillis(positive(config, READ_TIMEOUT_MS, 60_000)),
                ttl < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl)));
    }

    private static long positive(ConfigMap config, String key, long defaultValue) {
        long value = config.longValue(key, defaultValue);
        if (value <= 0) {
            throw new ConfigException(key, value, "must be a positive number of milliseconds");
        }
        return value;
    }

    private static List<URI> parseUrls(String urlList) {
        List<URI> urls = new ArrayList<>();
        for (String part : urlList.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    throw new ConfigException(URL, urlList, "'" + text + "' is not an http:// or https:// URL with a host");
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                throw new ConfigException(URL, urlList, "'" + text + "' is not a URL: " + e.getMessage());
            }
        }
        return urls;
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot rebuild " + uri, e);
        }
    }
}
