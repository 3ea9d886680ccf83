package org.optim.experiments.conformance;

/**
 * A reference file that cannot be replayed: it is not valid {@code optim-reference/1}, or it asks
 * for an optimizer, option or problem kind this project does not implement. The message names the
 * file and the JSON pointer (or the line and column of a JSON syntax error).
 */
public final class CaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseException(String file, String message) {
        super(file + ": " + message);
    }
}
