package io.bayesfuse.app;

import io.bayesfuse.app.demo.DemoCommand;
import io.bayesfuse.app.logging.ConsoleLogging;
import io.bayesfuse.app.run.RunCommand;
import io.bayesfuse.app.simulate.SimulateCommand;
import io.bayesfuse.app.stack.RegistryCommand;
import io.bayesfuse.app.stack.StackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * The {@code bayesfuse} command. Each subcommand is one class in this package or a sub-package;
 * register it in {@link #SUBCOMMANDS}. Other modules add theirs as a {@link BayesfuseSubcommand} (the
 * benchmarks module: {@code bench}).
 */
@Command(name = "bayesfuse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Online Bayesian filtering and posterior fusion on Kafka Streams.",
        subcommands = {CommandLine.HelpCommand.class})
public final class BayesfuseCommand implements Runnable {

    /** Every subcommand, in the order --help lists them. */
    static final Object[] SUBCOMMANDS = {
            new DemoCommand(),
            new RunCommand(),
            new SimulateCommand(),
            new StackCommand(),
            new RegistryCommand(),
            new ReplayCommand(),
            new io.bayesfuse.app.track.TrackCommand(),
            new io.bayesfuse.app.fuse.FuseCommand(),
            new io.bayesfuse.app.learn.LearnCommand(),
    };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every command takes it, before or after its name. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show every log line, Kafka's included (by default: bayesfuse's own lines and real problems).")
    void verbose(boolean verbose) {
        if (verbose) {
            ConsoleLogging.verbose();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The configured command line, with every subcommand registered: the app's, then those on the class path. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BayesfuseCommand());
        for (Object sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        for (BayesfuseSubcommand sub : ServiceLoader.load(BayesfuseSubcommand.class)) {
            cl.addSubcommand(sub);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
