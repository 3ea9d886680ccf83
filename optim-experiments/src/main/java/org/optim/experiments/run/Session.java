package org.optim.experiments.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One run in memory: parameters, optimizer state and generators, driven epoch by epoch by the
 * {@link Runner}. A session never does I/O of its own; the runner persists what {@link #save}
 * writes after every epoch and hands it back to {@link #restore} on resume, which must continue
 * bit for bit as if nothing had happened.
 */
public interface Session extends AutoCloseable {
    /** Initializes a fresh run and returns the metrics before training (epoch 0). */
    MetricsRow begin();

    /** Trains epoch {@code epoch} (1-based) and evaluates; a non-finite loss ends it as diverged. */
    EpochOutcome train(int epoch);

    /** The columns of {@code trajectory.csv} (first {@code step}); none by default (only toys log one). */
    default List<String> trajectoryColumns() {
        return List.of();
    }

    /** The trajectory rows produced since the previous call (the first value is the step); none by default. */
    default List<double[]> drainTrajectory() {
        return List.of();
    }

    /** Writes everything needed to continue: parameters, optimizer state, generators, counters. */
    void save(DataOutputStream out) throws IOException;

    /** Restores what {@link #save} wrote (on a fresh session of the same run, instead of {@link #begin}). */
    void restore(DataInputStream in) throws IOException;

    /** Releases threads the session owns (a kernel's workers); nothing by default. */
    @Override
    default void close() {
    }

    /**
     * What training one epoch gave: a row of metrics, or the divergence that stopped it.
     *
     * @param row        the epoch's metrics, {@code null} when diverged
     * @param divergence where the loss stopped being finite, {@code null} when not diverged
     */
    record EpochOutcome(MetricsRow row, Divergence divergence) {
        public static EpochOutcome of(MetricsRow row) {
            return new EpochOutcome(row, null);
        }

        public static EpochOutcome diverged(Divergence d) {
            return new EpochOutcome(null, d);
        }
    }

    /**
     * A run that hit NaN or infinity.
     *
     * @param epoch          the epoch during which it happened (1-based)
     * @param step           the optimizer step (1-based, counted over the whole run)
     * @param lastFiniteLoss the last finite training loss seen (NaN if none was)
     */
    record Divergence(int epoch, long step, double lastFiniteLoss) {
    }
}
