package io.bayesfuse.it.env;

import java.util.Locale;

/**
 * The test environment of this JVM, started on first use and closed when the JVM exits, so that
 * every integration test class shares one broker and one registry.
 */
public final class TestEnvironments {

    /** The system property that selects the environment. */
    public static final String PROPERTY = "bayesfuse.it.environment";

    private static TestEnvironment current;

    private TestEnvironments() {
    }

    /** The environment selected by {@value #PROPERTY} (default {@code embedded}), started. */
    public static synchronized TestEnvironment current() {
        if (current == null) {
            current = start(System.getProperty(PROPERTY, "embedded"));
            TestEnvironment started = current;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-environment-shutdown"));
        }
        return current;
    }

    static TestEnvironment start(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> EmbeddedEnvironment.start();
            case "docker" -> DockerEnvironment.start();
            case "external" -> ExternalEnvironment.fromSystemProperties();
            default -> throw new IllegalStateException(PROPERTY + "=" + name
                    + " is not a test environment; use embedded (default), docker or external");
        };
    }
}
