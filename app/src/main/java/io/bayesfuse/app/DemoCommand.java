package io.bayesfuse.app;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The demo: the embedded stack, the full topology, a simulator and the dashboard (issue 7). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system locally: embedded broker and registry, topology, simulator, dashboard.")
public final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("The demo is not yet available: it arrives with the application issue (#7).");
        System.out.println("Meanwhile './bayesfuse stack' starts the embedded broker and registry.");
        return 0;
    }
}
