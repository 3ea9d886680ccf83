package org.optim.core.config;

/**
 * A configuration error located by a JSON pointer ({@code /arms/0/optimizer/hyperparameters/beta1}).
 * The message is meant for a person: it says what was found and what was expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    public ConfigException(String pointer, String message) {
        super((pointer.isEmpty() ? "/" : pointer) + ": " + message);
        this.pointer = pointer;
    }

    /** The JSON pointer of the offending value ({@code ""} for the document). */
    public String pointer() {
        return pointer;
    }
}
