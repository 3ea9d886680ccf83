package org.optim.report.runs;

import java.nio.file.Path;

/**
 * A run-log folder that does not follow {@code docs/run-logs.md}: the message is one line naming the
 * file and the JSON pointer, CSV line or column at fault. It is an {@link IllegalArgumentException},
 * so the CLI reports it as bad input (exit status 2).
 */
public final class RunLogException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RunLogException(Path file, String where, String problem) {
        super(file + (where.isEmpty() ? "" : ": " + where) + ": " + problem);
    }
}
