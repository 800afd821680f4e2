package io.bayesfuse.it.env;

import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Docker engine the docker environment runs on, or a loud failure saying why there is none.
 * Where {@code DOCKER_HOST} names an engine, that engine must answer: Testcontainers would otherwise
 * move on to any other engine it finds (the default socket), and the tests would run somewhere else
 * than asked.
 */
final class DockerEngine {

    private static final String REQUESTED = TestEnvironments.PROPERTY + "=docker was requested but ";

    private DockerEngine() {
    }

    /** Fails with the reason unless an engine answers, at {@code DOCKER_HOST} when the environment names one. */
    static void require(Map<String, String> environment) {
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            requireAnswering(dockerHost.strip());
        }
        boolean available;
        String why = "";
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
            why = ": " + e.getMessage();
        }
        if (!available) {
            throw new IllegalStateException(REQUESTED + "no Docker engine is reachable" + why + ". Start one, and where"
                    + " the tests run in a container set TESTCONTAINERS_RYUK_DISABLED=true and"
                    + " TESTCONTAINERS_HOST_OVERRIDE=localhost (docs/deployment.md); or run the default embedded environment.");
        }
    }

    private static void requireAnswering(String dockerHost) {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(REQUESTED + "DOCKER_HOST=" + dockerHost + " is not an address: " + e.getMessage(), e);
        }
        String scheme = String.valueOf(uri.getScheme());
        try {
            switch (scheme) {
                case "unix" -> {
                    Path socket = Path.of(uri.getPath());
                    if (!Files.exists(socket)) {
                        throw new IOException("the socket " + socket + " does not exist");
                    }
                    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                        channel.finishConnect();
                    }
                }
                case "tcp", "http", "https" -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                    }
                }
                default -> throw new IOException("the scheme '" + scheme + "' is not one of unix, tcp, http, https");
            }
        } catch (IOException e) {
            throw new IllegalStateException(REQUESTED + "no Docker engine answers at DOCKER_HOST=" + dockerHost + " ("
                    + e.getMessage() + "). Start it there, or unset DOCKER_HOST to use the default engine.", e);
        }
    }
}
