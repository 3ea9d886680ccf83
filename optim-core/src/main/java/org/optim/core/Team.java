package org.optim.core;

import java.util.function.IntConsumer;

/**
 * Threads that may share an optimizer's element-wise loops. {@link #run} calls the job once for
 * every member index in {@code [0, size)}, each on its own thread, and returns when all are done.
 * Only loops whose every element is computed on its own (no sums across elements) are split, so
 * the results do not depend on the team's size.
 */
public interface Team {
    /** One thread: the caller. */
    Team SOLO = new Team() {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public void run(IntConsumer job) {
            job.accept(0);
        }
    };

    int size();

    /** Runs {@code job} for every member index and waits for all of them. */
    void run(IntConsumer job);

    /**
     * Start of member {@code member}'s share of {@code count} elements, on a boundary of 64 elements
     * (no two members write to the same cache line).
     */
    static int share(int count, int member, int size) {
        if (member == size) {
            return count;
        }
        return (int) ((long) count * member / size) & ~63;
    }
}
