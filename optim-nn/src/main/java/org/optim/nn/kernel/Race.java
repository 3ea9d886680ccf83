package org.optim.nn.kernel;

import java.util.Arrays;

/**
 * Chooses between two ways of doing the same work that give the same bits, by timing both on the
 * running machine, as FFTW's planner and ATLAS's install-time search do for their kernels. The
 * first {@link #WARM_UP} calls alternate between the ways untimed (so that the JIT compiles both),
 * the next {@code 2} {@link #TRIALS} alternate timed, and from then on every call takes the way
 * whose median time was lower. Which way wins may differ from run to run on a noisy host; no result
 * does, since the ways compute the same bits (a caller's tests check that for both, with {@link
 * #fixed}).
 *
 * <p>Used for a choice whose better answer depends on the processor: packing each row block of a
 * product's left operand before its tiles pays on the Intel Xeon model 207 and costs on AMD Zen 5
 * (see {@code VectorKernels}). Not thread-safe: its caller runs one product at a time.
 */
final class Race {
    /** Untimed calls before the trials. */
    static final int WARM_UP = 128;
    /** Timed calls per way. */
    static final int TRIALS = 24;

    private final long[][] nanos = {new long[TRIALS], new long[TRIALS]};
    private int calls;
    /** The chosen way, or -1 while the race runs. */
    private int winner;

    private Race(int winner) {
        this.winner = winner;
    }

    /** A race to be run. */
    static Race timed() {
        return new Race(-1);
    }

    /** No race: every call takes {@code way} (0 or 1). */
    static Race fixed(int way) {
        if (way != 0 && way != 1) {
            throw new IllegalArgumentException("way must be 0 or 1, got " + way);
        }
        return new Race(way);
    }

    /** The way the next call takes: 0 or 1. */
    int next() {
        return winner >= 0 ? winner : calls & 1;
    }

    /** Records that a call took {@code way} and {@code elapsed} nanoseconds. */
    void record(int way, long elapsed) {
        if (winner >= 0) {
            return;
        }
        int trial = (calls - WARM_UP) / 2;
        if (trial >= 0) {
            nanos[way][trial] = elapsed;
        }
        calls++;
        if (calls == WARM_UP + 2 * TRIALS) {
            winner = median(nanos[1]) < median(nanos[0]) ? 1 : 0;
        }
    }

    /** The chosen way, or -1 while the race runs. */
    int winner() {
        return winner;
    }

    private static long median(long[] x) {
        long[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
