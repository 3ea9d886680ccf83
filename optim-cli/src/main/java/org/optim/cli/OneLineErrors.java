package org.optim.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one line on stderr. Input errors (a bad manifest,
 * a malformed file) exit with status 2; anything else is a bug and exits with 70 (EX_SOFTWARE), still
 * without a stack trace unless {@code OPTIM_DEBUG} is set.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    static final int INPUT_ERROR = 2;
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (System.getenv("OPTIM_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        boolean input = e instanceof InputError || e instanceof IllegalArgumentException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + (input ? "" : "internal error: ") + message);
        return input ? INPUT_ERROR : INTERNAL_ERROR;
    }
}
