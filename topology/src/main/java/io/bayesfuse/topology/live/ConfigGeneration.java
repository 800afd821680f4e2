package io.bayesfuse.topology.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the global configuration store of one application instance. The global
 * thread bumps it on every change; stream processors compare it with the generation they compiled
 * their models from and recompile when it moved, so a live change costs nothing per record.
 */
public final class ConfigGeneration {

    private final AtomicLong generation = new AtomicLong();

    public long current() {
        return generation.get();
    }

    void bump() {
        generation.incrementAndGet();
    }
}
