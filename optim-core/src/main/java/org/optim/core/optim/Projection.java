package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import org.optim.core.DType;
import org.optim.core.Kernel;
import org.optim.core.Diagnostics;
import org.optim.core.Parameter;
import org.optim.core.Team;
import org.optim.core.Tensor;

/**
 * AdamP/SGDP's projection: removes the radial component of an update when the gradient is nearly
 * orthogonal to a scale-invariant weight, tested first per output channel, then for the whole layer.
 *
 * <pre>
 * for view in [channel (rows = shape[0]), layer (one row)]:
 *     cos_r = |dot(g_r, p_r)| / (max(||g_r||, eps) * max(||p_r||, eps))     # one value per row r
 *     if max_r cos_r &lt; delta / sqrt(row length):
 *         pn_r    = p_r / (||p_r|| + eps)                                     # eps added to the norm
 *         perturb_r = perturb_r - pn_r * dot(pn_r, perturb_r)               # in place
 *         return view                                                        # weight decay uses wd_ratio
 * return none
 * </pre>
 * Sums (dot products, squared norms) are {@link Reductions#dot}: products rounded to the dtype,
 * summed in double in a fixed order, the total rounded once to the dtype; PyTorch's reduction order is
 * implementation-defined, so these values match the official code to a few ulp, not bit for bit.
 *
 * <p>Reference: Heo et al., "AdamP: Slowing Down the Slowdown for Momentum Optimizers on
 * Scale-invariant Weights", ICLR 2021, arXiv 2006.08217, Algorithm 1 and eq. (12).
 *
 * <p>Matches: clovaai/AdamP {@code adamp/adamp.py} ({@code _projection}, {@code _cosine_similarity},
 * {@code _channel_view}, {@code _layer_view}), identical in {@code adamp/sgdp.py}. The cosine is
 * {@code F.cosine_similarity} of the torch build the reference files come from (1.13.0a0), which
 * clamps EACH norm by eps ({@code sum((x / max(||x||, eps)) * (y / max(||y||, eps)))}); the older
 * form {@code dot / sqrt(max(||x||^2 ||y||^2, eps^2))} differs whenever ||x|| ||y|| &lt; eps while both
 * norms are &gt;= eps (a small gradient on a small weight, or a large eps) and flips the decision there.
 */
public final class Projection {
    /** Which view of the weight fired. */
    public enum View {
        /** No projection (the test failed in both views, or the parameter is 1-D). */
        NONE(0),
        /** Rows are output channels: {@code p.reshape(shape[0], -1)}. */
        CHANNEL(1),
        /** One row: {@code p.reshape(1, -1)}. */
        LAYER(2);

        private final int code;

        View(int code) {
            this.code = code;
        }

        /** The diagnostic value: 0 none, 1 channel, 2 layer. */
        public int code() {
            return code;
        }
    }

    private Projection() {
    }

    /**
     * Projects {@code perturb} in place if the test fires for {@code p} (ndim &gt; 1 only) and the raw
     * gradient {@code g}; returns the view that fired.
     */
    public static View apply(Tensor p, Tensor g, Tensor perturb, double delta, double eps, Kernel kernel) {
        return apply(p, g, perturb, delta, eps, kernel, Team.SOLO);
    }

    /**
     * {@link #apply(Tensor, Tensor, Tensor, double, double, Kernel)} with the cosine sums of the rows
     * (or of the blocks of the single row) shared among {@code team}: the same bits for any team.
     */
    public static View apply(Tensor p, Tensor g, Tensor perturb, double delta, double eps, Kernel kernel, Team team) {
        if (p.rank() < 2) {
            return View.NONE;
        }
        int channels = p.dim(0);
        if (project(p, g, perturb, channels, delta, eps, kernel, team)) {
            return View.CHANNEL;
        }
        if (project(p, g, perturb, 1, delta, eps, kernel, team)) {
            return View.LAYER;
        }
        return View.NONE;
    }

    /**
     * AdamP/SGDP's last line, {@code p = fma(negStep, d, decay ? p * factor : p)}: the decoupled weight
     * decay (factor already rounded to the dtype) and the step along the (projected) direction.
     */
    static void decayAndStep(Tensor p, Tensor d, boolean decay, double factor, double negStep, Kernel kernel,
                             Team team) {
        DType dt = p.dtype();
        if (kernel.vectorized(dt)) {
            float[] pv = f32(p);
            float[] dv = f32(d);
            VectorKernels.split(team, pv.length,
                    (from, to) -> VectorKernels.decayAndStep(pv, dv, decay, (float) factor, (float) negStep, from, to));
            return;
        }
        for (int k = 0; k < p.size(); k++) {
            double pk = decay ? dt.round(p.get(k) * factor) : p.get(k);
            p.set(k, dt.fma(negStep, d.get(k), pk));
        }
    }

    /** Records {@code projection/<name>} (1 or 0) and {@code projection_view/<name>} for parameters with ndim &gt; 1. */
    public static void report(Diagnostics out, Parameter param, View view) {
        if (param.value().rank() > 1) {
            out.put("projection/" + param.name(), view == View.NONE ? 0.0 : 1.0);
            out.put("projection_view/" + param.name(), view.code());
        }
    }

    private static boolean project(Tensor p, Tensor g, Tensor perturb, int rows, double delta, double eps,
                                   Kernel kernel, Team team) {
        DType dt = p.dtype();
        int n = p.size();
        int cols = n / rows;
        double epsT = dt.round(eps);
        double threshold = dt.round(delta / Math.sqrt(cols));
        double maxCos = Double.NEGATIVE_INFINITY;
        double[] pNorm = new double[rows];
        double[][] rowSums = new double[rows][];
        if (rows == 1) {
            rowSums[0] = Reductions.cosineSums(g, p, 0, cols, kernel, team);
        } else {
            Reductions.eachIndex(rows, team, r -> rowSums[r] = Reductions.cosineSums(g, p, r * cols, cols, kernel, Team.SOLO));
        }
        for (int r = 0; r < rows; r++) {
            double[] sums = rowSums[r];
            double xy = sums[0];
            double xx = sums[1];
            double yy = sums[2];
            pNorm[r] = dt.round(Math.sqrt(yy));
            double denom = dt.round(Math.max(dt.round(Math.sqrt(xx)), epsT) * Math.max(pNorm[r], epsT));
            double cos = Math.abs(dt.round(dt.round(xy) / denom));
            maxCos = Math.max(maxCos, cos);
        }
        if (!(maxCos < threshold)) {
            return false;
        }
        Tensor pn = Tensor.zeros(dt, cols);
        for (int r = 0; r < rows; r++) {
            double offset = dt.round(pNorm[r] + epsT);
            int base = r * cols;
            boolean vectorized = kernel.vectorized(dt);
            if (vectorized) {
                VectorKernels.divide(f32(p), base, (float) offset, f32(pn));
            } else {
                for (int j = 0; j < cols; j++) {
                    pn.set(j, p.get(base + j) / offset);
                }
            }
            double radial = dt.round(Reductions.dot(pn, 0, perturb, base, cols, kernel));
            if (vectorized) {
                VectorKernels.subtractScaled(f32(perturb), base, f32(pn), (float) radial);
            } else {
                for (int j = 0; j < cols; j++) {
                    int k = base + j;
                    perturb.set(k, dt.round(perturb.get(k) - dt.round(pn.get(j) * radial)));
                }
            }
        }
        return true;
    }
}
