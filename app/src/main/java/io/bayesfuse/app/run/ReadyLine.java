package io.bayesfuse.app.run;

import java.lang.management.ManagementFactory;

/**
 * The line {@code run} and {@code demo} print when the instance begins to process records, e.g.
 * {@code ready in 5210 ms (6034 ms since the JVM started)}: scripts and tests wait for a line
 * starting with {@code ready}.
 */
public final class ReadyLine {

    private ReadyLine() {
    }

    /** @param startedNanos {@link System#nanoTime()} when the command began */
    public static String since(long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        return "ready in " + millis + " ms (" + sinceJvm + " ms since the JVM started)";
    }
}
