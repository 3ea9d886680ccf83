package org.optim.core.config;

/**
 * A configuration value out of its allowed range, thrown by the compact constructors of config
 * records. It names the field (as spelled in JSON) so a reader can point at it.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    /** The JSON field name, e.g. {@code beta1}. */
    public String field() {
        return field;
    }
}
