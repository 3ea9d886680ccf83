package org.optim.experiments.landscape;

import java.util.List;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Loss along one or two directions through the current weights.
 *
 * <pre>
 *   f(alpha)       = L(theta + alpha d1)                 1-D slice
 *   f(alpha, beta) = L(theta + alpha d1 + beta d2)       2-D surface
 *   alpha_k = (2k - (n - 1)) span / (n - 1),  k = 0..n-1 a symmetric grid on [-span, span]
 * </pre>
 * Each perturbed weight is computed in float64 and rounded once to the parameters' format. The
 * weights are restored bit for bit afterwards. Rows of the 2-D surface are indexed by beta, columns
 * by alpha, both ascending; grid points are visited row by row, in order.
 *
 * <p>Reference: Li et al., "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018,
 * arXiv:1712.09913, sections 3-4 (1-D linear interpolation and 2-D contour plots along random
 * filter-normalized directions).
 *
 * <p>Matches: tomgoldstein/loss-landscape {@code plot_surface.py} ({@code crunch}: loss at
 * {@code w + x d1 + y d2} over a grid built by {@code np.linspace(xmin, xmax, xnum)}); the grid here
 * is written so that its middle point is exactly 0 for odd {@code n}.
 */
public final class LossSurface {
    private LossSurface() {
    }

    /** A 1-D slice: {@code losses[k] = f(alphas[k])}. */
    public record Slice(double[] alphas, double[] losses) {
    }

    /** A 2-D surface: {@code losses[j][k] = f(alphas[k], betas[j])}. */
    public record Surface(double[] alphas, double[] betas, double[][] losses) {
    }

    /** {@code n} points evenly spaced on {@code [-span, span]}, symmetric, the middle one 0 when n is odd. */
    public static double[] grid(double span, int n) {
        if (n < 2 || !(span > 0) || Double.isInfinite(span)) {
            throw new IllegalArgumentException("a grid needs n >= 2 and a finite span > 0, got n=" + n + " span=" + span);
        }
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = (2.0 * k - (n - 1)) * span / (n - 1);
        }
        return x;
    }

    /** The loss along {@code d1} at every point of {@code alphas}. */
    public static Slice slice(ParameterSet parameters, LossFunction loss, ParameterVector d1, double[] alphas) {
        ParameterVector base = ParameterVector.valuesOf(parameters);
        List<Tensor> saved = parameters.snapshotValues();
        double[] losses = new double[alphas.length];
        try {
            for (int k = 0; k < alphas.length; k++) {
                ParameterVector.assign(parameters, base, alphas[k], d1);
                losses[k] = loss.loss(parameters);
            }
        } finally {
            parameters.restoreValues(saved);
        }
        return new Slice(alphas.clone(), losses);
    }

    /** The loss at every point of the grid {@code alphas x betas}. */
    public static Surface surface(ParameterSet parameters, LossFunction loss, ParameterVector d1,
            ParameterVector d2, double[] alphas, double[] betas) {
        ParameterVector base = ParameterVector.valuesOf(parameters);
        List<Tensor> saved = parameters.snapshotValues();
        double[][] losses = new double[betas.length][alphas.length];
        try {
            for (int j = 0; j < betas.length; j++) {
                for (int k = 0; k < alphas.length; k++) {
                    ParameterVector.assign(parameters, base, alphas[k], d1, betas[j], d2);
                    losses[j][k] = loss.loss(parameters);
                }
            }
        } finally {
            parameters.restoreValues(saved);
        }
        return new Surface(alphas.clone(), betas.clone(), losses);
    }
}
