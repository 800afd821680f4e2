package io.bayesfuse.app;

/**
 * A subcommand that a module outside {@code app} adds to {@code bayesfuse}: a picocli {@code @Command}
 * class with a public no-argument constructor, listed in
 * {@code META-INF/services/io.bayesfuse.app.BayesfuseSubcommand} of its jar. Every one on the class
 * path is registered after the app's own ({@link java.util.ServiceLoader}). The benchmarks module adds
 * {@code bench} this way, so the application and its image carry no benchmark code.
 */
public interface BayesfuseSubcommand {
}
