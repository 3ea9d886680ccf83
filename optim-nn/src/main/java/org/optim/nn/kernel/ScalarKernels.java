package org.optim.nn.kernel;

import org.optim.core.DType;
import org.optim.core.Team;
import org.optim.core.Tensor;
import org.optim.nn.Activation;

/**
 * The reference implementation of {@link Kernels}: plain loops over {@link Tensor#get}/{@link
 * Tensor#set} with {@link DType#fma}, for float32 and float64 alike. It is the fallback when the
 * Vector API is absent, the float64 path, and the test oracle of {@link VectorKernels}.
 */
final class ScalarKernels implements Kernels {

    @Override
    public Team team() {
        return Team.SOLO;
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String describe() {
        return "scalar, 1 thread";
    }

    @Override
    public void gemm(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c) {
        DType t = c.dtype();
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c.set(row + j, 0.0);
            }
            // p outermost within the row: each c[i,j] still sees p = 0, 1, ... in order.
            for (int p = 0; p < k; p++) {
                double aip = a.get(layout.aIndex(m, k, i, p));
                for (int j = 0; j < n; j++) {
                    c.set(row + j, t.fma(aip, b.get(layout.bIndex(n, k, p, j)), c.get(row + j)));
                }
            }
        }
    }

    @Override
    public void biasActivation(Tensor z, Tensor bias, Activation f, int rows, int cols) {
        DType t = z.dtype();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int idx = i * cols + j;
                double v = bias == null ? z.get(idx) : t.round(z.get(idx) + bias.get(j));
                z.set(idx, f.apply(v, t));
            }
        }
    }

    @Override
    public void activationBackward(Tensor y, Activation f, Tensor g, int size) {
        DType t = g.dtype();
        for (int i = 0; i < size; i++) {
            g.set(i, f.backward(y.get(i), g.get(i), t));
        }
    }

    @Override
    public void columnSums(Tensor g, int rows, int cols, Tensor out) {
        DType t = g.dtype();
        for (int j = 0; j < cols; j++) {
            out.set(j, 0.0);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.set(j, t.round(out.get(j) + g.get(i * cols + j)));
            }
        }
    }

    @Override
    public double sumOfSquares(Tensor x) {
        return squaresFrom(x, 0, new double[PARTIALS]);
    }

    /** Number of interleaved partial sums in {@link #sumOfSquares}. */
    static final int PARTIALS = 16;

    /**
     * Continues the partial sums of squares from entry {@code from} (a multiple of {@link
     * #PARTIALS}) to the end and combines them: the shared tail of both implementations.
     */
    static double squaresFrom(Tensor x, int from, double[] partials) {
        DType t = x.dtype();
        for (int i = from; i < x.size(); i++) {
            double v = x.get(i);
            partials[i % PARTIALS] = t.fma(v, v, partials[i % PARTIALS]);
        }
        double sum = 0.0;
        for (double p : partials) {
            sum += p;
        }
        return sum;
    }

    @Override
    public void close() {
        // No threads to stop.
    }
}
