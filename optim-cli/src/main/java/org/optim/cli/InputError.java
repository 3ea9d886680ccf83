package org.optim.cli;

/** Bad input named in one line (file and field or offset); exit status 2. */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }
}
