package io.bayesfuse.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * What the console shows. By default ({@code logback.xml}): bayesfuse's own lines at INFO, other
 * libraries' only when something is really wrong, and known false alarms not at all
 * ({@link KnownNoiseFilter}). {@code --verbose} shows everything: every library at INFO, bayesfuse
 * at DEBUG, no filter.
 */
public final class ConsoleLogging {

    private ConsoleLogging() {
    }

    /**
     * For a command that keeps its Kafka Streams state in a temporary directory on purpose (and
     * deletes it when it stops): Kafka Streams' warning against that is not shown (unless
     * {@code --verbose}).
     */
    public static void stateInATemporaryDirectoryOnPurpose() {
        if (KnownNoiseFilter.isEnabled() && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.apache.kafka.streams.processor.internals.StateDirectory").setLevel(Level.ERROR);
        }
    }

    /** Switches the console to everything ({@code --verbose}). */
    public static void verbose() {
        KnownNoiseFilter.disable();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;   // another logging backend: its own configuration decides
        }
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null && !logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
                logger.setLevel(null);   // inherit the root's
            }
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("io.bayesfuse").setLevel(Level.DEBUG);
    }
}
