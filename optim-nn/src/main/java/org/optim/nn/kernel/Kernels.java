package org.optim.nn.kernel;

import org.optim.core.Team;
import org.optim.core.Tensor;
import org.optim.nn.Activation;

/**
 * The numerical work of a dense network: matrix products and the element-wise passes around them.
 * Matrices are row-major {@link Tensor}s at least as large as the stated dimensions.
 *
 * <p><b>Bit-identical everywhere.</b> Every output element of {@link #gemm} is one fused
 * multiply-add chain over {@code p = 0, 1, ..., k-1} in increasing order, starting from +0:
 * <pre>
 * c = +0;  for p in 0..k-1:  c = fma(A'(i,p), B'(p,j), c)      (one rounding per step, in the tensor's format)
 * </pre>
 * and every sum is taken in a fixed order that depends on neither the thread count nor the vector
 * width. The Vector API implementation ({@link #vector}) and the scalar one ({@link #scalar})
 * therefore return the same bits for the same inputs, on 1 or N threads, with 256- or 512-bit
 * vectors, on JDK 17 and later.
 *
 * <p>An instance is used by one caller thread at a time. It owns its worker threads; {@link
 * #close} stops them.
 */
public interface Kernels extends AutoCloseable {
    /** The number of threads that share each product. */
    int threads();

    /**
     * The same threads as a {@link Team} for the optimizers' element-wise updates, used like the
     * products: by one caller at a time, never while a product runs.
     */
    Team team();

    /** A short description for logs: implementation, threads, vector width. */
    String describe();

    /** {@code C[m,n] = A' B'} per {@code layout}; {@code c} is overwritten. */
    void gemm(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c);

    /** In place, for each of {@code rows} rows of width {@code cols}: {@code z = f(z + bias)}; {@code bias} may be null. */
    void biasActivation(Tensor z, Tensor bias, Activation f, int rows, int cols);

    /**
     * A dense layer's forward product: {@code C = f(A' B' + bias)} row by row, with the bits of
     * {@link #gemm} followed by {@link #biasActivation} (which is what this default does); an
     * implementation may apply the bias and activation to each block of C while it is in cache.
     */
    default void gemmBiasActivation(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c, Tensor bias,
                                    Activation f) {
        gemm(layout, m, n, k, a, b, c);
        biasActivation(c, bias, f, m, n);
    }

    /**
     * The right factor of later products {@code C = A' B'} ({@code b} read per {@code layout}, B' of
     * k x n), prepared once in whatever form this implementation computes from, for products that
     * share it: a model's weights over the chunks of an evaluation. It stays valid while b's values
     * do not change; the products' bits are those of {@link #gemmBiasActivation}. {@code reuse}: a
     * factor this instance prepared before, whose storage the new one may take over (it is then no
     * longer valid), or null.
     */
    default Factor prepare(Layout layout, int n, int k, Tensor b, Factor reuse) {
        return new Factor(layout, n, k, b, null, 0, false);
    }

    /** {@link #gemmBiasActivation} with B' prepared by {@link #prepare} of this instance. */
    default void gemmBiasActivation(Factor b, int m, Tensor a, Tensor c, Tensor bias, Activation f) {
        gemmBiasActivation(b.layout(), m, b.n(), b.k(), a, b.b(), c, bias, f);
    }

    /**
     * A prepared right factor (see {@link #prepare}): B' of k x n read from {@code b} per {@code
     * layout}, with the packed panels of the implementation that prepared it, if any (from index
     * {@code panelsFrom}), and whether all of B' was finite when it was prepared.
     */
    final class Factor {
        private final Layout layout;
        private final int n;
        private final int k;
        private final Tensor b;
        private final float[] panels;
        private final int panelsFrom;
        private final boolean finite;

        Factor(Layout layout, int n, int k, Tensor b, float[] panels, int panelsFrom, boolean finite) {
            this.layout = layout;
            this.n = n;
            this.k = k;
            this.b = b;
            this.panels = panels;
            this.panelsFrom = panelsFrom;
            this.finite = finite;
        }

        public Layout layout() {
            return layout;
        }

        public int n() {
            return n;
        }

        public int k() {
            return k;
        }

        public Tensor b() {
            return b;
        }

        /** B' in the preparing implementation's packed form; null if it computes from b itself. */
        float[] panels() {
            return panels;
        }

        /** Where B' starts in {@link #panels}. */
        int panelsFrom() {
            return panelsFrom;
        }

        /**
         * Whether every entry of B' is finite, so that a zero of A' adds exactly nothing to a
         * chain: fma(±0, b, c) = c for finite b and c != -0 (a chain from +0 is never -0).
         */
        boolean finite() {
            return finite;
        }
    }

    /** In place, for the first {@code size} entries: {@code g = g * f'(.)} given the outputs {@code y}. */
    void activationBackward(Tensor y, Activation f, Tensor g, int size);

    /** {@code out[j] = sum over i of g[i,j]}, rows added in increasing order starting from +0. */
    void columnSums(Tensor g, int rows, int cols, Tensor out);

    /**
     * The sum of squares of all entries as a double: 16 interleaved partial sums ({@code entry i}
     * goes to partial {@code i mod 16}) accumulated by fused multiply-adds in the tensor's format,
     * then added in double in partial order. Fast and reproducible; not PyTorch's summation order.
     */
    double sumOfSquares(Tensor t);

    @Override
    void close();

    /** The scalar implementation (any format, one thread). */
    static Kernels scalar() {
        return new ScalarKernels();
    }

    /** Whether the {@code jdk.incubator.vector} module is present in this JVM. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The fastest available implementation with {@code threads} threads: the Vector API kernels
     * if the incubator module was added to this JVM ({@code --add-modules jdk.incubator.vector}),
     * the scalar ones otherwise. Float64 tensors always take the scalar path.
     */
    static Kernels create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return vectorApiPresent() ? vector(threads) : scalar();
    }

    /** The Vector API implementation; fails if the incubator module is absent. */
    static Kernels vector(int threads) {
        if (!vectorApiPresent()) {
            throw new IllegalStateException("the jdk.incubator.vector module is not present;"
                    + " launch java with --add-modules jdk.incubator.vector");
        }
        return new VectorKernels(threads);
    }
}
