package org.optim.experiments.conformance;

/** The two ways a reference file is replayed (section 6 of {@code reference/README.md}). */
public enum Mode {
    /**
     * Each step is fed the gradients the official run recorded (SAM: at {@code w}, then at {@code w +
     * e(w)}); compared at {@code tolerance.abs/rel}. Isolates the optimizer's arithmetic.
     */
    RECORDED("recorded"),
    /**
     * Loss and gradients come from the project's own problem definition; compared at
     * {@code tolerance.closed_loop}.
     */
    CLOSED_LOOP("closed-loop");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** The name printed by {@code optim conformance}. */
    public String label() {
        return label;
    }
}
