package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import java.util.function.IntConsumer;
import org.optim.core.DType;
import org.optim.core.Kernel;
import org.optim.core.Team;
import org.optim.core.Tensor;

/**
 * The one reduction the optimizers need, in a fixed order that does not depend on threads or
 * vector width: {@code dot(a, b) = sum_k round(a_k * b_k)} with each product rounded to the tensors'
 * dtype (as PyTorch's {@code (x * y).sum()}) and the sum accumulated in double, term k going to
 * partial sum {@code k mod 8}, combined as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))},
 * within blocks of {@link #BLOCK} terms whose totals are then added in block order (the first
 * block's total is the start). Eight independent add chains run several times faster than one; the
 * blocks let a team of threads sum a large tensor (SAM's norms over a weight matrix) with the bits
 * of one thread. AdamP/SGDP's cosines and projections and SAM's norms all go through {@link #dot}.
 */
final class Reductions {
    /** Terms per block: sums of up to this many terms (a weight row, a small tensor) are one block. */
    static final int BLOCK = 1 << 16;

    private Reductions() {
    }

    /** The sum of the terms {@code [from, from + n)} of a reduction, {@code n <= BLOCK}, in the order above. */
    interface BlockSum {
        double sum(int from, int n);
    }

    /**
     * {@code sum_{k < n} round(a[aFrom + k] * b[bFrom + k])} in the order described above; the fast
     * kernel gives the same bits.
     */
    static double dot(Tensor a, int aFrom, Tensor b, int bFrom, int n, Kernel kernel) {
        return overBlocks(n, Team.SOLO, (from, len) -> blockDot(a, aFrom + from, b, bFrom + from, len, kernel));
    }

    /** {@code dot(x, x)} over a whole tensor, its blocks shared among {@code team} (same bits for any team). */
    static double sumOfSquares(Tensor x, Kernel kernel, Team team) {
        return overBlocks(x.size(), team, (from, len) -> blockDot(x, from, x, from, len, kernel));
    }

    /** {@code dot(x, x)} over a whole tensor. */
    static double sumOfSquares(Tensor x, Kernel kernel) {
        return sumOfSquares(x, kernel, Team.SOLO);
    }

    /**
     * {@code {dot(g, p), dot(g, g), dot(p, p)}} over {@code [from, from + n)}, in one pass over the
     * data on the fast kernel, its blocks shared among {@code team} (same bits for any team).
     */
    static double[] cosineSums(Tensor g, Tensor p, int from, int n, Kernel kernel, Team team) {
        if (!kernel.vectorized(g.dtype())) {
            return new double[] {dot(g, from, p, from, n, kernel), dot(g, from, g, from, n, kernel),
                dot(p, from, p, from, n, kernel)};
        }
        float[] gv = f32(g);
        float[] pv = f32(p);
        double[][] blocks = new double[Math.max(1, (n + BLOCK - 1) / BLOCK)][];
        eachIndex(blocks.length, team,
                b -> blocks[b] = VectorKernels.cosineSums(gv, pv, from + b * BLOCK, Math.min(BLOCK, n - b * BLOCK)));
        double[] total = blocks[0];
        for (int b = 1; b < blocks.length; b++) {
            for (int i = 0; i < total.length; i++) {
                total[i] += blocks[b][i];
            }
        }
        return total;
    }

    /**
     * The blocks of a reduction of {@code n} terms summed by {@code sum}, shared among {@code team}
     * (each block by one member), and added in block order: the same bits for any team.
     */
    static double overBlocks(int n, Team team, BlockSum sum) {
        double[] totals = new double[Math.max(1, (n + BLOCK - 1) / BLOCK)];
        eachIndex(totals.length, team, b -> totals[b] = sum.sum(b * BLOCK, Math.min(BLOCK, n - b * BLOCK)));
        double total = totals[0];
        for (int b = 1; b < totals.length; b++) {
            total += totals[b];
        }
        return total;
    }

    /**
     * Runs {@code body} for every index in {@code [0, count)}, the indices split evenly into one
     * contiguous range per member of {@code team} (the caller alone for a single index). For work
     * whose items are independent (blocks, weight rows), so the split never changes a bit.
     */
    static void eachIndex(int count, Team team, IntConsumer body) {
        int members = count <= 1 ? 1 : team.size();
        IntConsumer job = member -> {
            // Even shares (Team.share would round these small counts to cache lines).
            for (int i = count * member / members; i < count * (member + 1) / members; i++) {
                body.accept(i);
            }
        };
        if (members == 1) {
            job.accept(0);
        } else {
            team.run(job);
        }
    }

    /** One block of {@link #dot}. */
    private static double blockDot(Tensor a, int aFrom, Tensor b, int bFrom, int n, Kernel kernel) {
        DType dt = a.dtype();
        if (kernel.vectorized(dt)) {
            return VectorKernels.dot(f32(a), aFrom, f32(b), bFrom, n);
        }
        // The definition, term by term (the fast kernel holds the partials in vector lanes, same bits).
        double[] partial = new double[8];
        for (int k = 0; k < n; k++) {
            partial[k & 7] += dt.round(a.get(aFrom + k) * b.get(bFrom + k));
        }
        return ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
    }
}
