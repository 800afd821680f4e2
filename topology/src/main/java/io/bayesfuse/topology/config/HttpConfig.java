package io.bayesfuse.topology.config;

/**
 * The dashboard and HTTP API of {@code run}, e.g.
 * <pre>
 * http:
 *   host: localhost          # the address to listen on (default localhost: only this machine)
 *   port: 8080               # 0 picks a free port
 *   advertisedHost: node-3   # how other instances reach this one (interactive queries)
 * </pre>
 * Listening on any other address than localhost is an explicit choice: set {@code host} (e.g.
 * {@code 0.0.0.0} for every interface, which then needs {@code advertisedHost}). The advertised
 * address becomes Kafka Streams' {@code application.server}, through which instances find the one
 * that owns an entity.
 *
 * @param host           the listen address (default localhost)
 * @param port           the port (default 8080)
 * @param advertisedHost the host name other instances use (default: host)
 */
public record HttpConfig(String host, Integer port, String advertisedHost) {

    public static final HttpConfig DEFAULT = new HttpConfig(null, null, null);
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8080;

    public String hostOrDefault() {
        return host == null ? DEFAULT_HOST : host;
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    /** The host other instances reach this one by. */
    public String advertisedHostOrDefault() {
        return advertisedHost != null ? advertisedHost : hostOrDefault();
    }

    public HttpConfig withHost(String newHost) {
        return new HttpConfig(newHost, port, advertisedHost);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, advertisedHost);
    }

    public HttpConfig withAdvertisedHost(String newAdvertisedHost) {
        return new HttpConfig(host, port, newAdvertisedHost);
    }

    void validate(String path, Problems problems) {
        if (host != null && host.isBlank()) {
            problems.add(path + ".host", "is empty; leave it out for localhost");
        }
        if (port != null && (port < 0 || port > 65535)) {
            problems.add(path + ".port", "is " + port + ", must be between 0 (any free port) and 65535");
        }
        if (advertisedHost == null && ("0.0.0.0".equals(host) || "::".equals(host))) {
            problems.add(path + ".advertisedHost", "is required when listening on every interface (host " + host
                    + "): other instances need an address to reach this one");
        }
        if (advertisedHost != null && !advertisedHost.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
            problems.add(path + ".advertisedHost", "is '" + advertisedHost + "', not a host name or address");
        }
    }
}
