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
 * {@code 0.0.0.0} for every interface; without {@code advertisedHost} this machine's host name is
 * then advertised, which is what a container or pod is reached by). The advertised
 * address becomes Kafka Streams' {@code application.server}, through which instances find the one
 * that owns an entity.
 *
 * @param host           the listen address (default localhost)
 * @param port           the port (default 8080)
 * @param advertisedHost the host name other instances use (default: host; for a wildcard host, this
 *                       machine's host name)
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
        if (advertisedHost != null) {
            return advertisedHost;
        }
        if (isWildcard(hostOrDefault())) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                throw new ConfigException("http.advertisedHost", "is required: http.host " + hostOrDefault()
                        + " listens on every interface and this machine's host name is unknown (" + e.getMessage() + ")");
            }
        }
        return hostOrDefault();
    }

    private static boolean isWildcard(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
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
        if (advertisedHost != null && !advertisedHost.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
            problems.add(path + ".advertisedHost", "is '" + advertisedHost + "', not a host name or address");
        }
    }
}
