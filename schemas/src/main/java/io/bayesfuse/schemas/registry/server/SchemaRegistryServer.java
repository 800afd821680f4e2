package io.bayesfuse.schemas.registry.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.bayesfuse.schemas.registry.CompatibilityLevel;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable Confluent-compatible Schema Registry: the v1 REST API on the JDK's HTTP server,
 * over a {@link SchemaStore} (in memory by default, or a Kafka topic). Start one with
 * {@code SchemaRegistryServer.builder().port(0).start()} and read its address from {@link #url()}.
 * Closing it stops the HTTP server and closes the store.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService workers;
    private final SchemaStore store;
    private final String url;

    private SchemaRegistryServer(HttpServer http, ExecutorService workers, SchemaStore store, String url) {
        this.http = http;
        this.workers = workers;
        this.store = store;
        this.url = url;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL clients use, e.g. {@code http://localhost:8081}. */
    public String url() {
        return url;
    }

    /** The port the server listens on (useful after asking for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        } finally {
            store.close();
        }
    }

    /** Settings for a registry server. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 8081;
        private SchemaStore store;
        private CompatibilityLevel defaultLevel = CompatibilityLevel.BACKWARD;
        private SSLContext tls;
        private int threads = 4;

        private Builder() {
        }

        /** The host name or address to listen on and to put in {@link #url()}; default localhost. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one. Default 8081, as Confluent's. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("registry port " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /** Where schemas are kept; default a new {@link InMemorySchemaStore}. The server closes it. */
        public Builder store(SchemaStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The compatibility level in force until one is set through the API; default BACKWARD. */
        public Builder defaultCompatibility(CompatibilityLevel level) {
            this.defaultLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Serve HTTPS with this context instead of plain HTTP. */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** How many requests are served at once; default 4. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("a registry needs at least one request thread, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        public SchemaRegistryServer start() {
            SchemaStore chosen = store == null ? new InMemorySchemaStore() : store;
            HttpServer server;
            InetSocketAddress address = new InetSocketAddress(host, port);
            try {
                if (tls == null) {
                    server = HttpServer.create(address, 0);
                } else {
                    HttpsServer https = HttpsServer.create(address, 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    server = https;
                }
            } catch (IOException e) {
                chosen.close();
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for the schema registry: "
                        + e.getMessage(), e);
            }
            ExecutorService workers = Executors.newFixedThreadPool(threads, daemonThreads());
            server.setExecutor(workers);
            server.createContext("/", new RegistryHttpHandler(new SchemaRegistry(chosen, defaultLevel)));
            server.start();
            String scheme = tls == null ? "http" : "https";
            String url = scheme + "://" + hostForUrl(host) + ":" + server.getAddress().getPort();
            return new SchemaRegistryServer(server, workers, chosen, url);
        }

        private static String hostForUrl(String host) {
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }

        private static java.util.concurrent.ThreadFactory daemonThreads() {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
