package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import org.optim.core.DType;
import org.optim.core.Kernel;
import org.optim.core.Tensor;

/**
 * The one reduction the optimizers need, in a fixed order that does not depend on threads or
 * vector width: {@code dot(a, b) = sum_k round(a_k * b_k)} with each product rounded to the tensors'
 * dtype (as PyTorch's {@code (x * y).sum()}) and the sum accumulated in double, term k going to
 * partial sum {@code k mod 8}, combined as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}.
 * Eight independent add chains run several times faster than one. AdamP/SGDP's cosines and
 * projections and SAM's norms all go through {@link #dot}.
 */
final class Reductions {
    private Reductions() {
    }

    /**
     * {@code sum_{k < n} round(a[aFrom + k] * b[bFrom + k])} in the order described above; the fast
     * kernel gives the same bits.
     */
    static double dot(Tensor a, int aFrom, Tensor b, int bFrom, int n, Kernel kernel) {
        DType dt = a.dtype();
        if (kernel.vectorized(dt)) {
            return VectorKernels.dot(f32(a), aFrom, f32(b), bFrom, n);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int k = 0;
        for (; k + 8 <= n; k += 8) {
            int i = aFrom + k;
            int j = bFrom + k;
            s0 += dt.round(a.get(i) * b.get(j));
            s1 += dt.round(a.get(i + 1) * b.get(j + 1));
            s2 += dt.round(a.get(i + 2) * b.get(j + 2));
            s3 += dt.round(a.get(i + 3) * b.get(j + 3));
            s4 += dt.round(a.get(i + 4) * b.get(j + 4));
            s5 += dt.round(a.get(i + 5) * b.get(j + 5));
            s6 += dt.round(a.get(i + 6) * b.get(j + 6));
            s7 += dt.round(a.get(i + 7) * b.get(j + 7));
        }
        double[] tail = new double[8];
        for (int t = 0; k + t < n; t++) {
            tail[t] = dt.round(a.get(aFrom + k + t) * b.get(bFrom + k + t));
        }
        return (((s0 + tail[0]) + (s1 + tail[1])) + ((s2 + tail[2]) + (s3 + tail[3])))
                + (((s4 + tail[4]) + (s5 + tail[5])) + ((s6 + tail[6]) + (s7 + tail[7])));
    }

    /** {@code dot(x, x)} over a whole tensor. */
    static double sumOfSquares(Tensor x, Kernel kernel) {
        return dot(x, 0, x, 0, x.size(), kernel);
    }
}
