package io.bayesfuse.app.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the embedded single-node broker.
 *
 * @param host           the address clients connect to and the listeners bind to (default localhost)
 * @param port           the client port; 0 picks a free one
 * @param controllerPort the KRaft controller port; 0 picks a free one
 * @param dataDirectory  where logs and metadata live; empty means a temporary directory that is
 *                       deleted at shutdown. A given directory is formatted on first use and
 *                       reused afterwards, so topics and records survive a restart.
 * @param overrides      further broker settings, applied last
 */
public record BrokerSettings(String host, int port, int controllerPort, Optional<Path> dataDirectory,
                             Map<String, String> overrides) {

    public BrokerSettings {
        Objects.requireNonNull(host, "host");
        checkPort("port", port);
        checkPort("controller port", controllerPort);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        overrides = Map.copyOf(overrides);
    }

    /** Free ports on localhost, a temporary directory, no overrides. */
    public static BrokerSettings defaults() {
        return new BrokerSettings("localhost", 0, 0, Optional.empty(), Map.of());
    }

    public BrokerSettings withHost(String newHost) {
        return new BrokerSettings(newHost, port, controllerPort, dataDirectory, overrides);
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(host, newPort, controllerPort, dataDirectory, overrides);
    }

    public BrokerSettings withControllerPort(int newPort) {
        return new BrokerSettings(host, port, newPort, dataDirectory, overrides);
    }

    public BrokerSettings withDataDirectory(Path directory) {
        return new BrokerSettings(host, port, controllerPort, Optional.of(directory), overrides);
    }

    public BrokerSettings withOverrides(Map<String, String> newOverrides) {
        return new BrokerSettings(host, port, controllerPort, dataDirectory, newOverrides);
    }

    private static void checkPort(String what, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("broker " + what + " " + value + " is not between 0 (any free port) and 65535");
        }
    }
}
