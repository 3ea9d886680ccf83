package org.optim.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optim.core.Tensor;
import org.optim.nn.Activation;

/**
 * {@link Kernels} on the {@code jdk.incubator.vector} API for float32 tensors (float64 tensors are
 * handed to {@link ScalarKernels}).
 *
 * <p><b>Products.</b> A' is packed into blocks of {@link #MR} rows stored column by column
 * ({@code [block][p][MR]}) and B' into panels of {@link #NR} = 2 vectors of columns stored row by
 * row ({@code [panel][p][NR]}), zero-padded at the edges. A register tile of MR x NR accumulators
 * (8 x 32 with 512-bit vectors) then runs over all of p: per p, two vector loads of B', MR
 * broadcasts of A' and 2 MR independent FMAs. Each accumulator lane is one output's FMA chain in
 * increasing p from +0, exactly the scalar chain of {@link ScalarKernels#gemm}. The team of threads
 * first packs (blocks and panels split by index), meets at a barrier, then splits the output by
 * column panels (or by row blocks when there are fewer panels than threads); no thread ever adds
 * another's partial results.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of A' per cache block in the compute phase (packed A' block of MC x k stays in L2). */
    private static final int MC = 128;

    private final WorkerPool pool;
    private final ScalarKernels scalar = new ScalarKernels();
    private float[] packA = new float[0];
    private float[] packB = new float[0];
    private final float[][] edge;

    VectorKernels(int threads) {
        this.pool = new WorkerPool(threads);
        this.edge = new float[threads][MR * NR];
    }

    @Override
    public int threads() {
        return pool.size();
    }

    @Override
    public String describe() {
        return "vector " + S.vectorBitSize() + "-bit, " + pool.size() + (pool.size() == 1 ? " thread" : " threads");
    }

    private static float[] f32(Tensor t) {
        return ((Tensor.F32) t).data();
    }

    private static boolean isF32(Tensor t) {
        return t instanceof Tensor.F32;
    }

    @Override
    public synchronized void gemm(Layout layout, int m, int n, int k, Tensor a, Tensor b, Tensor c) {
        if (!isF32(c)) {
            scalar.gemm(layout, m, n, k, a, b, c);
            return;
        }
        float[] av = f32(a);
        float[] bv = f32(b);
        float[] cv = f32(c);
        int blocks = (m + MR - 1) / MR;
        int panels = (n + NR - 1) / NR;
        if (packA.length < blocks * k * MR) {
            packA = new float[blocks * k * MR];
        }
        if (packB.length < panels * k * NR) {
            packB = new float[panels * k * NR];
        }
        float[] pa = packA;
        float[] pb = packB;
        int size = pool.size();
        pool.run((member, team) -> {
            for (int blk = share(blocks, member, size); blk < share(blocks, member + 1, size); blk++) {
                packA(layout, av, m, k, blk, pa);
            }
            for (int pan = share(panels, member, size); pan < share(panels, member + 1, size); pan++) {
                packB(layout, bv, n, k, pan, pb);
            }
            team.barrier();
            float[] tmp = edge[member];
            if (panels >= size) {
                int from = share(panels, member, size);
                int to = share(panels, member + 1, size);
                for (int b0 = 0; b0 < blocks; b0 += MC / MR) {
                    int b1 = Math.min(blocks, b0 + MC / MR);
                    for (int pan = from; pan < to; pan++) {
                        for (int blk = b0; blk < b1; blk++) {
                            tile(pa, pb, k, cv, m, n, blk, pan, tmp);
                        }
                    }
                }
            } else {
                for (int blk = share(blocks, member, size); blk < share(blocks, member + 1, size); blk++) {
                    for (int pan = 0; pan < panels; pan++) {
                        tile(pa, pb, k, cv, m, n, blk, pan, tmp);
                    }
                }
            }
        });
    }

    /** Start of member {@code i}'s share of {@code count} items among {@code size} members. */
    private static int share(int count, int i, int size) {
        return (int) ((long) count * i / size);
    }

    private static void packA(Layout layout, float[] a, int m, int k, int blk, float[] pa) {
        int base = blk * k * MR;
        int i0 = blk * MR;
        int rows = Math.min(MR, m - i0);
        if (layout == Layout.TN) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(a, p * m + i0, pa, base + p * MR, rows);
                for (int r = rows; r < MR; r++) {
                    pa[base + p * MR + r] = 0f;
                }
            }
        } else {
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int src = (i0 + r) * k;
                    for (int p = 0; p < k; p++) {
                        pa[base + p * MR + r] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        pa[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    private static void packB(Layout layout, float[] b, int n, int k, int pan, float[] pb) {
        int base = pan * k * NR;
        int j0 = pan * NR;
        int cols = Math.min(NR, n - j0);
        if (layout == Layout.NT) {
            for (int jj = 0; jj < NR; jj++) {
                if (jj < cols) {
                    int src = (j0 + jj) * k;
                    for (int p = 0; p < k; p++) {
                        pb[base + p * NR + jj] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        pb[base + p * NR + jj] = 0f;
                    }
                }
            }
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n + j0, pb, base + p * NR, cols);
                for (int jj = cols; jj < NR; jj++) {
                    pb[base + p * NR + jj] = 0f;
                }
            }
        }
    }

    /** Computes the MR x NR tile of C at row block {@code blk} and column panel {@code pan}. */
    private static void tile(float[] pa, float[] pb, int k, float[] c, int m, int n, int blk, int pan, float[] tmp) {
        int i0 = blk * MR;
        int j0 = pan * NR;
        if (i0 + MR <= m && j0 + NR <= n) {
            micro(pa, blk * k * MR, pb, pan * k * NR, k, c, i0 * n + j0, n);
        } else {
            micro(pa, blk * k * MR, pb, pan * k * NR, k, tmp, 0, NR);
            int rows = Math.min(MR, m - i0);
            int cols = Math.min(NR, n - j0);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tmp, r * NR, c, (i0 + r) * n + j0, cols);
            }
        }
    }

    /** The register tile: {@code c[r][j] = chain over p of fma(pa[p][r], pb[p][j], .)}. */
    private static void micro(float[] pa, int ao, float[] pb, int bo, int k, float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < k; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    @Override
    public void biasActivation(Tensor z, Tensor bias, Activation f, int rows, int cols) {
        if (!isF32(z) || (f != Activation.RELU && f != Activation.LINEAR)) {
            scalar.biasActivation(z, bias, f, rows, cols);
            return;
        }
        float[] zv = f32(z);
        float[] bv = bias == null ? null : f32(bias);
        boolean relu = f == Activation.RELU;
        int vecEnd = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            int j = 0;
            for (; j < vecEnd; j += L) {
                FloatVector v = FloatVector.fromArray(S, zv, row + j);
                if (bv != null) {
                    v = v.add(FloatVector.fromArray(S, bv, j));
                }
                if (relu) {
                    v = v.max(0f);
                }
                v.intoArray(zv, row + j);
            }
            for (; j < cols; j++) {
                float v = bv == null ? zv[row + j] : zv[row + j] + bv[j];
                zv[row + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void activationBackward(Tensor y, Activation f, Tensor g, int size) {
        if (f == Activation.LINEAR) {
            return;
        }
        if (!isF32(g) || f != Activation.RELU) {
            scalar.activationBackward(y, f, g, size);
            return;
        }
        float[] yv = f32(y);
        float[] gv = f32(g);
        int vecEnd = S.loopBound(size);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i < vecEnd; i += L) {
            VectorMask<Float> off = FloatVector.fromArray(S, yv, i).compare(VectorOperators.GT, 0f).not();
            FloatVector.fromArray(S, gv, i).blend(zero, off).intoArray(gv, i);
        }
        for (; i < size; i++) {
            gv[i] = yv[i] > 0f ? gv[i] : 0f;
        }
    }

    @Override
    public void columnSums(Tensor g, int rows, int cols, Tensor out) {
        if (!isF32(g)) {
            scalar.columnSums(g, rows, cols, out);
            return;
        }
        float[] gv = f32(g);
        float[] ov = f32(out);
        java.util.Arrays.fill(ov, 0, cols, 0f);
        int vecEnd = S.loopBound(cols);
        for (int j = 0; j < vecEnd; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < rows; i++) {
                s = s.add(FloatVector.fromArray(S, gv, i * cols + j));
            }
            s.intoArray(ov, j);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = vecEnd; j < cols; j++) {
                ov[j] += gv[i * cols + j];
            }
        }
    }

    @Override
    public double sumOfSquares(Tensor t) {
        if (!isF32(t)) {
            return scalar.sumOfSquares(t);
        }
        // The 16 partial sums are two 8-lane vectors whatever the preferred width.
        VectorSpecies<Float> s8 = FloatVector.SPECIES_256;
        float[] x = f32(t);
        FloatVector lo = FloatVector.zero(s8);
        FloatVector hi = lo;
        int end = x.length - x.length % ScalarKernels.PARTIALS;
        for (int i = 0; i < end; i += ScalarKernels.PARTIALS) {
            FloatVector e = FloatVector.fromArray(s8, x, i);
            FloatVector f = FloatVector.fromArray(s8, x, i + 8);
            lo = e.fma(e, lo);
            hi = f.fma(f, hi);
        }
        double[] partials = new double[ScalarKernels.PARTIALS];
        float[] l = lo.toArray();
        float[] h = hi.toArray();
        for (int j = 0; j < 8; j++) {
            partials[j] = l[j];
            partials[8 + j] = h[j];
        }
        return ScalarKernels.squaresFrom(t, end, partials);
    }

    @Override
    public void close() {
        pool.close();
    }
}
