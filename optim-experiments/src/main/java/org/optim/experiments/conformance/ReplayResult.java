package org.optim.experiments.conformance;

/**
 * The outcome of replaying one reference file in one mode.
 *
 * @param name      the case name (the file name without {@code .json})
 * @param mode      how it was replayed
 * @param params    parameters after every step (and SAM's perturbed parameters)
 * @param state     optimizer state after every step (and SAM's gradient norm)
 * @param gradients closed loop: loss and gradients at every evaluation; {@link Deviation#NONE} in
 *                  recorded mode, which is fed the recorded ones
 * @param failure   null if the replay passed; otherwise the first reason it failed, naming the step,
 *                  the quantity and the entry
 */
public record ReplayResult(String name, Mode mode, Deviation params, Deviation state, Deviation gradients,
                           String failure) {
    /** A file that could not be replayed at all (malformed, or unsupported optimizer/problem). */
    static ReplayResult unreadable(String name, Mode mode, String reason) {
        return new ReplayResult(name, mode, Deviation.NONE, Deviation.NONE, Deviation.NONE, reason);
    }

    public boolean passed() {
        return failure == null;
    }
}
