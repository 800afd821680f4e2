package io.bayesfuse.schemas.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A local URL nothing listens on (a port bound and released at once), for "unreachable" tests. */
public final class ClosedPort {

    private ClosedPort() {
    }

    public static String url() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
