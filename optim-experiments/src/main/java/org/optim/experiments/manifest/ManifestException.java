package org.optim.experiments.manifest;

/**
 * A manifest that cannot be used, in one line: the file, where in it (a JSON pointer, or line and
 * column for broken JSON), and what was expected.
 */
public final class ManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }
}
