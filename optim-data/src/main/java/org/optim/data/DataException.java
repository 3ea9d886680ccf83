package org.optim.data;

import java.io.IOException;

/**
 * A data file that cannot be used: missing, unreadable, malformed or not the published bytes. The
 * message is one line that names the file (and, for a malformed file, the byte offset).
 */
public class DataException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
