/**
 * What the console shows: bayesfuse's own progress and readiness lines, other libraries' lines only
 * when something is really wrong, and known false alarms of Kafka's clients and broker not at all
 * ({@link io.bayesfuse.app.logging.KnownNoiseFilter}); {@link io.bayesfuse.app.logging.ConsoleLogging}
 * switches to everything with {@code --verbose}.
 */
package io.bayesfuse.app.logging;
