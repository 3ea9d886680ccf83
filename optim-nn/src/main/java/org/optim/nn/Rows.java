package org.optim.nn;

import org.optim.core.Tensor;

/** Copies of row ranges and gathered rows between tensors of the same format (batch assembly). */
public final class Rows {
    private Rows() {
    }

    /** Copies {@code length} values from {@code src[srcPos...]} to {@code dst[dstPos...]}. */
    public static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int length) {
        if (src instanceof Tensor.F32 s && dst instanceof Tensor.F32 d) {
            System.arraycopy(s.data(), srcPos, d.data(), dstPos, length);
        } else if (src instanceof Tensor.F64 s && dst instanceof Tensor.F64 d) {
            System.arraycopy(s.data(), srcPos, d.data(), dstPos, length);
        } else {
            throw new IllegalArgumentException("cannot copy " + src.dtype().label() + " rows into "
                    + dst.dtype().label());
        }
    }

    /**
     * Gathers rows {@code order[from], ..., order[from + count - 1]} of {@code src} (rows of
     * {@code width} values) into rows {@code 0..count-1} of {@code dst}, and their labels.
     */
    public static void gather(Tensor src, int[] srcLabels, int width, int[] order, int from, int count, Tensor dst,
                              int[] dstLabels) {
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            copy(src, row * width, dst, r * width, width);
            dstLabels[r] = srcLabels[row];
        }
    }
}
