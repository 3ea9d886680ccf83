package org.optim.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.nn.Activation;

/**
 * The Vector API kernels against the scalar oracle: the same bits on 1, 2 and 3 threads, at shapes
 * with row-block and panel remainders, k split into passes (k &gt; 1024), and the degenerate
 * ones: one row, one column, k = 1. Each path of a product is taken: NT of few rows and more
 * columns computed as C^T (8 x 32 up to 40 x 300), A' read in place (up to 128 columns: 128 x 10,
 * 300 x 20, 700 x 45; tall NN and NT products: 700 x 150, 517 x 140, and 139 x 150 on one thread)
 * or packed (139 x 150 on two and three threads, and TN); with several panels of at most 128
 * columns (13 x 37, 17 x 65, 40 x 100, 700 x 45, C^T of 40 x 300) both by rows in place and by
 * blocks packed one at a time (as rows at a constant stride). Products of 2^22 flops and more, and
 * those of few columns with A read in place from 2^19 (128 x 10 x 784), are shared among the
 * threads: in even shares of tiles (40 x 300: once with k in two passes; 300 x 20: one panel;
 * 139 x 150) and by row groups (700 x 150; 517 x 140 with k in two passes).
 */
class KernelsTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {8, 32, 16}, {13, 37, 29}, {3, 10, 70}, {17, 65, 1}, {40, 100, 33}, {9, 3, 128},
        {9, 33, 1030}, {16, 40, 600}, {3, 5, 0}, {128, 10, 784}, {40, 300, 200}, {40, 300, 1100}, {300, 20, 400},
        {700, 45, 70}, {139, 150, 100}, {700, 150, 40}, {517, 140, 1030},
    };
    private static Kernels scalar;
    private static Kernels[] vector;

    @BeforeAll
    static void open() {
        scalar = Kernels.scalar();
        // The race between reading A's rows in place and packing its blocks (few-column products of
        // several panels) picks one way per machine; both are checked here on 1 and 2 threads.
        vector = new Kernels[] {Kernels.vector(1), Kernels.vector(2), Kernels.vector(3),
            new VectorKernels(1, Race.fixed(0)), new VectorKernels(1, Race.fixed(1)),
            new VectorKernels(2, Race.fixed(0)), new VectorKernels(2, Race.fixed(1))};
    }

    @AfterAll
    static void close() {
        for (Kernels k : vector) {
            k.close();
        }
    }

    static Tensor random(DType t, int size, SplittableRandom r) {
        Tensor x = Tensor.zeros(t, size);
        for (int i = 0; i < size; i++) {
            // Some exact zeros and negatives, as after relu and in gradients.
            x.set(i, r.nextInt(7) == 0 ? 0.0 : r.nextDouble(-2, 2));
        }
        return x;
    }

    /** The scalar oracle of a dense layer: {@code f(A' B' + bias)} row by row. */
    private static Tensor scalarLayer(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor bias,
                                      Activation f) {
        Tensor expected = Tensor.zeros(DType.FLOAT32, m * n);
        scalar.gemm(layout, m, n, k, a, b, expected);
        scalar.biasActivation(expected, bias, f, m, n);
        return expected;
    }

    /** An output of {@code size} NaNs: every element must be written. */
    private static Tensor unwritten(int size) {
        Tensor c = Tensor.zeros(DType.FLOAT32, size);
        c.fill(Double.NaN);
        return c;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void vectorProductsEqualScalarBitForBitOnEveryThreadCount(Layout layout) {
        SplittableRandom r = new SplittableRandom(7);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = random(DType.FLOAT32, m * k, r);
            Tensor b = random(DType.FLOAT32, k * n, r);
            Tensor expected = Tensor.zeros(DType.FLOAT32, m * n);
            scalar.gemm(layout, m, n, k, a, b, expected);
            for (Kernels v : vector) {
                Tensor c = Tensor.zeros(DType.FLOAT32, m * n);
                c.fill(Double.NaN); // every element must be written
                v.gemm(layout, m, n, k, a, b, c);
                assertThat(c.bitwiseEquals(expected)).as("%s %dx%dx%d on %s", layout, m, n, k, v.describe()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void scalarProductIsTheMatrixProduct(Layout layout) {
        // float64 against an exact-enough double sum: catches index mix-ups of the layouts.
        SplittableRandom r = new SplittableRandom(3);
        int m = 5, n = 7, k = 6;
        Tensor a = random(DType.FLOAT64, m * k, r);
        Tensor b = random(DType.FLOAT64, k * n, r);
        Tensor c = Tensor.zeros(DType.FLOAT64, m * n);
        scalar.gemm(layout, m, n, k, a, b, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = layout == Layout.TN ? a.get(p * m + i) : a.get(i * k + p);
                    double bpj = layout == Layout.NT ? b.get(j * k + p) : b.get(p * n + j);
                    sum += aip * bpj;
                }
                assertThat(c.get(i * n + j)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void fusedDenseProductsEqualTheProductThenTheActivation() {
        SplittableRandom r = new SplittableRandom(9);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = random(DType.FLOAT32, m * k, r);
            Tensor b = random(DType.FLOAT32, k * n, r);
            for (Activation f : Activation.values()) {
                for (boolean withBias : new boolean[] {true, false}) {
                    Tensor bias = withBias ? random(DType.FLOAT32, n, r) : null;
                    Tensor expected = scalarLayer(Layout.NT, m, n, k, a, b, bias, f);
                    for (Kernels v : vector) {
                        Tensor c = unwritten(m * n);
                        v.gemmBiasActivation(Layout.NT, m, n, k, a, b, c, bias, f);
                        assertThat(c.bitwiseEquals(expected)).as("%dx%dx%d %s bias=%s on %s", m, n, k, f, withBias,
                                v.describe()).isTrue();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void productsWithAPreparedFactorEqualTheScalarOnes(Layout layout) {
        SplittableRandom r = new SplittableRandom(13);
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = random(DType.FLOAT32, m * k, r);
            Tensor b = random(DType.FLOAT32, k * n, r);
            Tensor bias = random(DType.FLOAT32, n, r);
            for (Kernels v : vector) {
                Kernels.Factor factor = null;
                // The second round prepares new values of b into the first factor's storage.
                for (int round = 0; round < 2; round++) {
                    Tensor expected = scalarLayer(layout, m, n, k, a, b, bias, Activation.RELU);
                    factor = v.prepare(layout, n, k, b, factor);
                    Tensor c = unwritten(m * n);
                    v.gemmBiasActivation(factor, m, a, c, bias, Activation.RELU);
                    assertThat(c.bitwiseEquals(expected)).as("%s %dx%dx%d round %d on %s", layout, m, n, k, round,
                            v.describe()).isTrue();
                    b = random(DType.FLOAT32, k * n, r);
                }
            }
        }
    }

    /**
     * Tall products with a prepared finite factor skip the terms at which a block's eight rows of
     * A are all zero. The inputs here have such terms in every block (rows nonzero only in a window
     * of columns, as an image's pixels around a digit, -0 among the zeros), k in two passes, a
     * partial last block; the chains of block 0 underflow to -0 and then meet only zeros (where the
     * full chain turns +0): the sign of that zero must not reach C, under relu, under the identity
     * with a bias of +0 and nonzero entries, and with a bias of -0 (no skipping there); a factor
     * with an infinity must give the full product's NaN.
     */
    @Test
    void skippedZeroTermsGiveTheFullProductsBits() {
        SplittableRandom r = new SplittableRandom(17);
        int m = 1001, n = 150, k = 1030;
        Tensor a = Tensor.zeros(DType.FLOAT32, m * k);
        for (int i = 0; i < m; i++) {
            int from = r.nextInt(k / 2);
            int to = from + 1 + r.nextInt(k / 3);
            for (int p = from; p < to; p++) {
                int kind = r.nextInt(8);
                a.set(i * k + p, kind == 0 ? 0.0 : kind == 1 ? -0.0 : r.nextDouble(-2, 2));
            }
        }
        Tensor b = random(DType.FLOAT32, k * n, r);
        for (int i = 0; i < 8; i++) {
            for (int p = 0; p < k; p++) {
                a.set(i * k + p, p == 0 ? -1e-30 : 0.0);
            }
        }
        for (int j = 0; j < n; j++) {
            b.set(j * k, 1e-30);  // NT: B'(0, j); -1e-30 * 1e-30 underflows to -0
        }
        Tensor signedZeros = Tensor.zeros(DType.FLOAT32, n);
        Tensor mixed = random(DType.FLOAT32, n, r);
        for (int j = 0; j < n; j += 2) {
            signedZeros.set(j, -0.0);
            mixed.set(j, 0.0);
        }
        Tensor infinite = b.copy();
        infinite.set(5 * k + 700, Double.POSITIVE_INFINITY);
        Object[][] cases = {
            {b, Activation.RELU, null}, {b, Activation.RELU, mixed}, {b, Activation.LINEAR, mixed},
            {b, Activation.LINEAR, signedZeros}, {b, Activation.LINEAR, null}, {infinite, Activation.RELU, mixed},
        };
        for (Object[] c : cases) {
            Tensor factorValues = (Tensor) c[0];
            Activation f = (Activation) c[1];
            Tensor bias = (Tensor) c[2];
            Tensor expected = scalarLayer(Layout.NT, m, n, k, a, factorValues, bias, f);
            for (Kernels v : vector) {
                Tensor out = unwritten(m * n);
                v.gemmBiasActivation(v.prepare(Layout.NT, n, k, factorValues, null), m, a, out, bias, f);
                assertThat(out.bitwiseEquals(expected)).as("%s bias %s infinite %s on %s", f, bias == null ? "none"
                        : bias == signedZeros ? "-0" : "mixed", factorValues == infinite, v.describe()).isTrue();
            }
        }
    }

    @Test
    void elementWiseKernelsEqualScalar() {
        SplittableRandom r = new SplittableRandom(11);
        // The second shape is large enough to be shared among the threads.
        for (int[] shape : new int[][] {{7, 37}, {520, 517}}) {
            int rows = shape[0], cols = shape[1];
            for (Kernels v : vector) {
                for (Activation f : Activation.values()) {
                    for (boolean withBias : new boolean[] {true, false}) {
                        Tensor z = random(DType.FLOAT32, rows * cols, r);
                        Tensor bias = withBias ? random(DType.FLOAT32, cols, r) : null;
                        Tensor zs = z.copy();
                        scalar.biasActivation(zs, bias, f, rows, cols);
                        Tensor zv = z.copy();
                        v.biasActivation(zv, bias, f, rows, cols);
                        assertThat(zv.bitwiseEquals(zs)).as("%s bias=%s on %s", f, withBias, v.describe()).isTrue();
                        assertThat(zv.bitwiseEquals(z)).as("%s changes its input", f)
                                .isEqualTo(f == Activation.LINEAR && !withBias);

                        Tensor g = random(DType.FLOAT32, rows * cols, r);
                        Tensor gs = g.copy();
                        scalar.activationBackward(zs, f, gs, rows * cols);
                        Tensor gv = g.copy();
                        v.activationBackward(zv, f, gv, rows * cols);
                        assertThat(gv.bitwiseEquals(gs)).as("%s backward on %s", f, v.describe()).isTrue();
                    }
                }
                Tensor g = random(DType.FLOAT32, rows * cols, r);
                Tensor ss = Tensor.zeros(DType.FLOAT32, cols);
                Tensor sv = Tensor.zeros(DType.FLOAT32, cols);
                sv.fill(Double.NaN); // every column must be written
                scalar.columnSums(g, rows, cols, ss);
                v.columnSums(g, rows, cols, sv);
                assertThat(sv.bitwiseEquals(ss)).as("column sums on %s", v.describe()).isTrue();
                assertThat(ss.get(5)).isCloseTo(rowSum(g, rows, cols, 5), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    private static double rowSum(Tensor g, int rows, int cols, int j) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += g.get(i * cols + j);
        }
        return s;
    }

    @Test
    void runsAtTheVectorWidthThisExecutionAsksFor() {
        // The vector-256 surefire execution sets optim.expectVectorBits; the default one runs natively.
        String bits = System.getProperty("optim.expectVectorBits");
        assertThat(vector[0].describe()).startsWith("vector ").contains(bits == null ? "-bit" : bits + "-bit");
    }

    @Test
    void reluDerivativeAtZeroIsZero() {
        Tensor y = Tensor.of(DType.FLOAT32, new int[] {3}, new double[] {0.0, 1.5, 0.0});
        Tensor g = Tensor.of(DType.FLOAT32, new int[] {3}, new double[] {2.0, 2.0, -3.0});
        vector[0].activationBackward(y, Activation.RELU, g, 3);
        assertThat(g.toDoubleArray()).containsExactly(0.0, 2.0, 0.0);
    }

    @Test
    void sumOfSquaresIsReproducibleAndAccurate() {
        SplittableRandom r = new SplittableRandom(5);
        for (int size : new int[] {1, 15, 16, 17, 1000, 4099}) {
            Tensor x = random(DType.FLOAT32, size, r);
            double s = scalar.sumOfSquares(x);
            assertThat(vector[0].sumOfSquares(x)).isEqualTo(s);
            double exact = 0;
            for (double v : x.toDoubleArray()) {
                exact += v * v;
            }
            assertThat(s).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
    }
}
