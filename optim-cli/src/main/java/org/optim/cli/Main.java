package org.optim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/optim}: the one executable. Each subcommand is its own class; bad input ends with a
 * one-line error and exit status 2, never a stack trace.
 */
@Command(name = "optim", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Reproducible experiments with deep-learning optimizers.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                ConformanceCommand.class,
                DataCommand.class,
                ReportCommand.class,
                RunCommand.class,
                ValidateCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new OneLineErrors())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
