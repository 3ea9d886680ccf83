package org.optim.core.optim;

/**
 * Whether this CPU computes slowly on subnormal floats, measured once per JVM. Intel cores take a
 * microcode assist for a vector operation with a subnormal operand or result; there {@link
 * VectorKernels#adam} sets decaying first moments aside, and Adam's update ran 2-3x faster on steps
 * where 2-10% of the moments decay (Intel Xeon model 207, session 11). On AMD Zen 5 this class's
 * loop on subnormals takes 0.9-1.9x the time of the loop on normal floats, and there setting them
 * aside cost more than it saved: Adam epochs of the paper's MLP 0.66-0.76 s without, 0.72-0.94 s with, and the first
 * decaying moments stalled the second epoch by about 0.3 s while C2 compiled the set-aside loops
 * (session 15, docs/kernel-notes.md). Only speed depends on the answer: both ways give the same bits
 * (AdamDecayingMomentsTest).
 */
final class SubnormalArithmetic {
    /** How many times slower than on normal floats a loop on subnormals must run to count as slow. */
    private static final double SLOW_RATIO = 3;
    private static final int LENGTH = 4096;
    private static final int PASSES = 16;
    /** Timings of each kind, alternating; the best of each is taken once C2 has compiled the loop. */
    private static final int ROUNDS = 100;

    private SubnormalArithmetic() {
    }

    /** Whether multiplying subnormal floats runs at least {@link #SLOW_RATIO} times slower than normal ones here. */
    static boolean slow() {
        return Measured.SLOW;
    }

    /** Holds the answer, measured when first asked (about 20 ms). */
    private static final class Measured {
        static final boolean SLOW = ratio() >= SLOW_RATIO;
    }

    /**
     * The best time of a loop multiplying subnormal floats by 0.9 (subnormal results) over the best
     * time of the same loop on normal floats; C2 vectorizes the loop, as the optimizers' kernels are.
     */
    private static double ratio() {
        float[] normal = new float[LENGTH];
        float[] subnormal = new float[LENGTH];
        float[] out = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            normal[i] = 1 + i % 7;
            subnormal[i] = Float.MIN_VALUE * (1 + i % 1024);
        }
        long bestNormal = Long.MAX_VALUE;
        long bestSubnormal = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            bestNormal = Math.min(bestNormal, timed(normal, out));
            bestSubnormal = Math.min(bestSubnormal, timed(subnormal, out));
        }
        return (double) bestSubnormal / Math.max(1, bestNormal);
    }

    private static long timed(float[] x, float[] out) {
        long start = System.nanoTime();
        for (int p = 0; p < PASSES; p++) {
            scale(x, out);
        }
        return System.nanoTime() - start;
    }

    private static void scale(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * 0.9f;
        }
    }
}
