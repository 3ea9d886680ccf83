package org.optim.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loop that measures this machine's float32 FMA peak (timed by optim-bench's {@code
 * PeakBenchmark} on each thread): 24 independent vector FMA chains, enough to cover the FMA
 * latency times the number of FMA pipes on current x86 cores. Matrix-product speed is reported as
 * a fraction of this figure, because the machines this project runs on differ by a factor of two
 * or more.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 24;

    private FmaPeak() {
    }

    /** The lanes per vector used by the kernels (16 with AVX-512, 8 with AVX2). */
    public static int lanes() {
        return S.length();
    }

    /** Floating-point operations of one round of {@link #burst}: 24 vector FMAs of 2 flops per lane. */
    public static long flopsPerRound() {
        return 2L * CHAINS * S.length();
    }

    /** Length of the state array {@link #burst} works on. */
    public static int stateLength() {
        return CHAINS * S.length();
    }

    /**
     * {@code rounds} rounds of {@code c = fma(0.999, 0.001, c)} on 24 independent vectors kept in
     * {@code s} (of {@link #stateLength()} floats). The
     * accumulator is the addend, as in a matrix product's inner loop; written as {@code c * m +
     * a} instead, C2's code ran at half this rate.
     */
    public static void burst(float[] s, int rounds) {
        int l = S.length();
        FloatVector m = FloatVector.broadcast(S, 0.999f);
        FloatVector a = FloatVector.broadcast(S, 1e-3f);
        FloatVector c0 = FloatVector.fromArray(S, s, 0 * l);
        FloatVector c1 = FloatVector.fromArray(S, s, 1 * l);
        FloatVector c2 = FloatVector.fromArray(S, s, 2 * l);
        FloatVector c3 = FloatVector.fromArray(S, s, 3 * l);
        FloatVector c4 = FloatVector.fromArray(S, s, 4 * l);
        FloatVector c5 = FloatVector.fromArray(S, s, 5 * l);
        FloatVector c6 = FloatVector.fromArray(S, s, 6 * l);
        FloatVector c7 = FloatVector.fromArray(S, s, 7 * l);
        FloatVector c8 = FloatVector.fromArray(S, s, 8 * l);
        FloatVector c9 = FloatVector.fromArray(S, s, 9 * l);
        FloatVector c10 = FloatVector.fromArray(S, s, 10 * l);
        FloatVector c11 = FloatVector.fromArray(S, s, 11 * l);
        FloatVector c12 = FloatVector.fromArray(S, s, 12 * l);
        FloatVector c13 = FloatVector.fromArray(S, s, 13 * l);
        FloatVector c14 = FloatVector.fromArray(S, s, 14 * l);
        FloatVector c15 = FloatVector.fromArray(S, s, 15 * l);
        FloatVector c16 = FloatVector.fromArray(S, s, 16 * l);
        FloatVector c17 = FloatVector.fromArray(S, s, 17 * l);
        FloatVector c18 = FloatVector.fromArray(S, s, 18 * l);
        FloatVector c19 = FloatVector.fromArray(S, s, 19 * l);
        FloatVector c20 = FloatVector.fromArray(S, s, 20 * l);
        FloatVector c21 = FloatVector.fromArray(S, s, 21 * l);
        FloatVector c22 = FloatVector.fromArray(S, s, 22 * l);
        FloatVector c23 = FloatVector.fromArray(S, s, 23 * l);
        for (int i = 0; i < rounds; i++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
            c12 = m.fma(a, c12);
            c13 = m.fma(a, c13);
            c14 = m.fma(a, c14);
            c15 = m.fma(a, c15);
            c16 = m.fma(a, c16);
            c17 = m.fma(a, c17);
            c18 = m.fma(a, c18);
            c19 = m.fma(a, c19);
            c20 = m.fma(a, c20);
            c21 = m.fma(a, c21);
            c22 = m.fma(a, c22);
            c23 = m.fma(a, c23);
        }
        c0.intoArray(s, 0 * l);
        c1.intoArray(s, 1 * l);
        c2.intoArray(s, 2 * l);
        c3.intoArray(s, 3 * l);
        c4.intoArray(s, 4 * l);
        c5.intoArray(s, 5 * l);
        c6.intoArray(s, 6 * l);
        c7.intoArray(s, 7 * l);
        c8.intoArray(s, 8 * l);
        c9.intoArray(s, 9 * l);
        c10.intoArray(s, 10 * l);
        c11.intoArray(s, 11 * l);
        c12.intoArray(s, 12 * l);
        c13.intoArray(s, 13 * l);
        c14.intoArray(s, 14 * l);
        c15.intoArray(s, 15 * l);
        c16.intoArray(s, 16 * l);
        c17.intoArray(s, 17 * l);
        c18.intoArray(s, 18 * l);
        c19.intoArray(s, 19 * l);
        c20.intoArray(s, 20 * l);
        c21.intoArray(s, 21 * l);
        c22.intoArray(s, 22 * l);
        c23.intoArray(s, 23 * l);
    }
}
