package org.optim.data;

/** Where fetching reports what it does; the command line shows it, tests and the runner may ignore it. */
public interface Progress {
    /** A step or a rejected source, one line. */
    void message(String line);

    /** Bytes of {@code what} done so far out of {@code total} (-1 if unknown). */
    void transfer(String what, long done, long total);

    /** Progress that shows nothing. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void message(String line) {
            }

            @Override
            public void transfer(String what, long done, long total) {
            }
        };
    }
}
