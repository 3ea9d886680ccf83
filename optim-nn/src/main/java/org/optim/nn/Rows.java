package org.optim.nn;

import org.optim.core.Tensor;

/** Copies of row ranges and gathered rows into tensors (batch assembly). */
public final class Rows {
    private Rows() {
    }

    private static Object data(Tensor t) {
        if (t instanceof Tensor.F32 f) {
            return f.data();
        }
        return ((Tensor.F64) t).data();
    }

    /** Copies {@code length} values from {@code src[srcPos...]} to {@code dst[dstPos...]} (same format). */
    public static void copy(Tensor src, int srcPos, Tensor dst, int dstPos, int length) {
        if (src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("cannot copy " + src.dtype().label() + " rows into "
                    + dst.dtype().label());
        }
        System.arraycopy(data(src), srcPos, data(dst), dstPos, length);
    }

    /**
     * Gathers rows {@code order[from], ..., order[from + count - 1]} of {@code src} (rows of
     * {@code width} values) into rows {@code 0..count-1} of {@code dst}, and their labels.
     */
    public static void gather(Tensor src, int[] srcLabels, int width, int[] order, int from, int count, Tensor dst,
                              int[] dstLabels) {
        if (src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("cannot gather " + src.dtype().label() + " rows into "
                    + dst.dtype().label());
        }
        gatherArray(data(src), srcLabels, width, order, from, count, dst, dstLabels);
    }

    /** {@link #gather} from a plain float32 array of rows (a data set as loaded) into a float32 tensor. */
    public static void gather(float[] src, int[] srcLabels, int width, int[] order, int from, int count, Tensor.F32 dst,
                              int[] dstLabels) {
        gatherArray(src, srcLabels, width, order, from, count, dst, dstLabels);
    }

    private static void gatherArray(Object src, int[] srcLabels, int width, int[] order, int from, int count,
                                    Tensor dst, int[] dstLabels) {
        Object out = data(dst);
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            System.arraycopy(src, row * width, out, r * width, width);
            dstLabels[r] = srcLabels[row];
        }
    }
}
