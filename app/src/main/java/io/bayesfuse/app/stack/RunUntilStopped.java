package io.bayesfuse.app.stack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps services running until the JVM is asked to stop (SIGINT / Ctrl-C, SIGTERM), then closes
 * them in reverse order of start from a shutdown hook. The JVM then exits with the status the
 * signal gives: 130 for SIGINT, 143 for SIGTERM.
 */
public final class RunUntilStopped {

    private final String name;
    private final PrintStream log;
    private final List<AutoCloseable> services = new ArrayList<>();

    public RunUntilStopped(String name, PrintStream log) {
        this.name = name;
        this.log = log;
    }

    /** A started service to close at shutdown. */
    public <T extends AutoCloseable> T add(T service) {
        services.add(service);
        return service;
    }

    /** Closes what was added so far, in reverse order (for a start-up that fails half-way). */
    public void closeAll() {
        List<AutoCloseable> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        services.clear();
        for (AutoCloseable service : reversed) {
            try {
                service.close();
            } catch (Exception e) {
                log.println(name + ": error while stopping " + service.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    /** Blocks until the JVM shuts down; the services are closed by then. */
    public void await() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.println(name + ": stopping");
            closeAll();
            log.println(name + ": stopped cleanly");
            log.flush();
            stopped.countDown();
        }, name + "-shutdown"));
        stopped.await();
    }
}
