package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Kernel;
import org.optim.core.Team;
import org.optim.core.Tensor;

/**
 * The vectorized reductions give the bits of {@link Reductions#dot}'s scalar reference for every
 * float, including the terms the vector code widens specially: signed zeros, subnormal products,
 * infinities and NaNs, at every offset and length around the vector boundaries.
 */
class ReductionsTest {
    /** Finite values whose products cover signed zeros, subnormals (1e-20 * 1e-19) and normals. */
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -3 * Float.MIN_VALUE, 1e-20f, -1e-19f, 1e-30f,
        Float.MIN_NORMAL, 1f, -2.5f, 1e18f};

    private static float[] values(int n, SplittableRandom r, double specialShare) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() < specialShare ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
        }
        return x;
    }

    private static double reference(float[] a, int aFrom, float[] b, int bFrom, int n) {
        return Reductions.dot(tensor(a), aFrom, tensor(b), bFrom, n, Kernel.REFERENCE);
    }

    private static Tensor tensor(float[] x) {
        Tensor t = Tensor.zeros(DType.FLOAT32, x.length);
        for (int i = 0; i < x.length; i++) {
            t.set(i, x[i]);
        }
        return t;
    }

    @Test
    void dotEqualsTheReferenceForEveryClassOfFloatAtEveryOffsetAndLength() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n <= 70; n++) {
            for (int from = 0; from < 3; from++) {
                for (double share : new double[] {0, 0.3, 1}) {
                    float[] a = values(n + 3, r, share);
                    float[] b = values(n + 3, r, share);
                    double expected = reference(a, from, b, 2, n);
                    assertThat(VectorKernels.dot(a, from, b, 2, n)).as("n %d from %d share %s", n, from, share)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void infinitiesAndNaNsPropagateAsInTheReference() {
        float[][] cases = {{1f, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, 2f}, {Float.NaN, 1f},
            {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, {3e38f, 3e38f}};
        for (float[] c : cases) {
            for (int at : new int[] {0, 5, 8, 15, 16, 40}) {
                float[] a = values(48, new SplittableRandom(at), 0);
                float[] b = a.clone();
                a[at] = c[0];
                b[at] = c[1];
                if (c[0] == Float.POSITIVE_INFINITY && c[1] == Float.NEGATIVE_INFINITY) {
                    a[at + 1] = c[1];
                    b[at + 1] = c[1];
                }
                double expected = reference(a, 0, b, 0, a.length);
                assertThat(Double.isFinite(expected)).isFalse();
                // doubleToLongBits: exact for infinities, every NaN alike.
                assertThat(Double.doubleToLongBits(VectorKernels.dot(a, 0, b, 0, a.length)))
                        .as("%s at %d", java.util.Arrays.toString(c), at).isEqualTo(Double.doubleToLongBits(expected));
            }
        }
    }

    @Test
    void subnormalAndZeroTermsAreWidenedExactly() {
        // Products far below the smallest normal float: every term subnormal or zero, with both signs.
        SplittableRandom r = new SplittableRandom(3);
        float[] a = new float[1000];
        float[] b = new float[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * 1e-20);
            b[i] = i % 5 == 0 ? 0f : (float) (r.nextGaussian() * 1e-19);
        }
        double expected = reference(a, 0, b, 0, a.length);
        assertThat(expected).isNotZero().isLessThan(1e-36);
        assertThat(VectorKernels.dot(a, 0, b, 0, a.length)).isEqualTo(expected);
    }

    @Test
    void theOrderIsTheReferenceOrderNotJustTheSameValue() {
        // Terms that cancel differently in other orders: a wrong lane-to-partial mapping changes the result.
        float[] a = new float[64];
        float[] ones = new float[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = new float[] {1e17f, 1f, -1e17f, 3f, 0.5f}[i % 5];
            ones[i] = 1f;
        }
        double expected = reference(a, 0, ones, 0, a.length);
        assertThat(VectorKernels.dot(a, 0, ones, 0, a.length)).isEqualTo(expected);
        double naive = 0;
        for (float x : a) {
            naive += x;
        }
        assertThat(naive).as("the data really tells orders apart").isNotEqualTo(expected);
    }

    @Test
    void theFusedSumsEqualSeparateDotsAlsoOverSeveralBlocks() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n : new int[] {0, 5, 16, 17, 100, 784, Reductions.BLOCK + 1, 2 * Reductions.BLOCK + 100}) {
            float[] g = values(n + 4, r, 0.1);
            float[] p = values(n + 4, r, 0.1);
            double[] expected = {reference(g, 4, p, 4, n), reference(g, 4, g, 4, n), reference(p, 4, p, 4, n)};
            for (Team team : new Team[] {Team.SOLO, TWO_THREADS}) {
                assertThat(Reductions.cosineSums(tensor(g), tensor(p), 4, n, Kernel.FAST, team)).containsExactly(expected);
            }
        }
    }

    /** Each member on its own new thread, as the kernels' team runs them. */
    private static final Team TWO_THREADS = new Team() {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public void run(IntConsumer job) {
            Thread other = new Thread(() -> job.accept(1));
            other.start();
            job.accept(0);
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @Test
    void eachIndexVisitsEveryIndexOnceForAnyCountAndTeam() {
        for (int count : new int[] {0, 1, 2, 3, 10}) {
            for (Team team : new Team[] {Team.SOLO, TWO_THREADS}) {
                java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(count);
                Reductions.eachIndex(count, team, seen::incrementAndGet);
                for (int i = 0; i < count; i++) {
                    assertThat(seen.get(i)).as("index %d of %d", i, count).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void blocksSharedAmongATeamGiveTheBitsOfOneThreadAndTheBlockOrder() {
        int n = 3 * Reductions.BLOCK + 123;
        float[] x = values(n, new SplittableRandom(13), 0.05);
        Tensor t = tensor(x);
        double one = Reductions.sumOfSquares(t, Kernel.REFERENCE, Team.SOLO);
        assertThat(Reductions.sumOfSquares(t, Kernel.FAST, TWO_THREADS)).isEqualTo(one);
        assertThat(Reductions.sumOfSquares(t, Kernel.REFERENCE, TWO_THREADS)).isEqualTo(one);
        double blocks = VectorKernels.dot(x, 0, x, 0, Reductions.BLOCK);
        for (int from = Reductions.BLOCK; from < n; from += Reductions.BLOCK) {
            blocks += VectorKernels.dot(x, from, x, from, Math.min(Reductions.BLOCK, n - from));
        }
        assertThat(one).isEqualTo(blocks);
    }

    @Test
    void samAscentWritesThePerturbedWeightsAndSumsTheSquaresOfEAndAsamWeightsTheGradient() {
        SplittableRandom r = new SplittableRandom(5);
        for (boolean adaptive : new boolean[] {false, true}) {
            for (int n : new int[] {3, 16, 50, 1000}) {
                float[] p = values(n, r, 0);
                float[] g = values(n, r, 0.2);
                float[] before = p.clone();
                float[] perturbed = new float[n];
                float scale = 0.05f;
                float[] e = new float[n];
                for (int k = 0; k < n; k++) {
                    e[k] = (adaptive ? p[k] * p[k] * g[k] : g[k]) * scale;
                }
                double squares = VectorKernels.samAscent(p, g, perturbed, adaptive, scale, 0, n);
                assertThat(p).as("p unchanged").containsExactly(before);
                for (int k = 0; k < n; k++) {
                    assertThat(perturbed[k]).isEqualTo(p[k] + e[k]);
                }
                assertThat(squares).isEqualTo(reference(e, 0, e, 0, n));
                float[] abs = new float[n];
                for (int k = 0; k < n; k++) {
                    abs[k] = Math.abs(p[k]) * g[k];
                }
                float[] weighted = new float[n];
                VectorKernels.weighted(p, g, weighted, 0, n);
                assertThat(weighted).containsExactly(abs);
            }
        }
    }
}
